"use client";

import { useMemo, useState, type ReactNode } from "react";
import { SWRConfig } from "swr";
import { useSandboxRealtime } from "@/hooks/use-sandbox-realtime";
import { keepNewerRows } from "@/lib/sandbox/cache/keep-newer-rows";
import { SandboxLiveContext } from "@/hooks/use-sandbox-live";
import { createLiveStatusStore, type LiveStatusStore } from "@/lib/sandbox/realtime/live-status-store";
import { fetchSandboxKey } from "@/lib/sandbox/cache/fetch-sandbox-key";

/** SWR for sandbox keys and the user's one realtime subscription, for every dashboard page. */
export function SandboxLiveProvider({ userId, activeLimit, children }: { userId: string; activeLimit: number; children: ReactNode }) {
  const [status] = useState(createLiveStatusStore);
  const config = useMemo(
    () => ({
      fetcher: fetchSandboxKey,
      use: [keepNewerRows],
      revalidateOnFocus: true,
      revalidateOnReconnect: true,
      dedupingInterval: 500,
      onSuccess: () => status.markUpdated(Date.now()),
    }),
    [status],
  );
  const live = useMemo(() => ({ userId, activeLimit, status }), [userId, activeLimit, status]);
  return (
    <SWRConfig value={config}>
      <SandboxLiveContext.Provider value={live}>
        <RealtimeSubscription userId={userId} status={status} />
        {children}
      </SandboxLiveContext.Provider>
    </SWRConfig>
  );
}

function RealtimeSubscription({ userId, status }: { userId: string; status: LiveStatusStore }) {
  useSandboxRealtime(userId, status);
  return null;
}
