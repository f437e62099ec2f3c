"use client";

import { useMemo, useState, type ReactNode } from "react";
import { SWRConfig } from "swr";
import { useSandboxRealtime } from "@/hooks/use-sandbox-realtime";
import { keepNewerRows } from "@/lib/sandbox/cache/keep-newer-rows";
import { SandboxLiveContext } from "@/hooks/use-sandbox-live";
import { createLiveStatusStore, type LiveStatusStore } from "@/lib/sandbox/realtime/live-status-store";
import { fetchSandboxKey } from "@/lib/sandbox/cache/fetch-sandbox-key";
import type { BrowserSupabaseConfig } from "@/lib/supabase/load-browser-client";

interface SandboxLiveProviderProps {
  userId: string;
  activeLimit: number;
  /** The server's public Supabase settings, read when it runs (a build holds none). */
  supabase: BrowserSupabaseConfig;
  children: ReactNode;
}

/** SWR for sandbox keys and the user's one realtime subscription, for every dashboard page. */
export function SandboxLiveProvider({ userId, activeLimit, supabase, children }: SandboxLiveProviderProps) {
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
        <RealtimeSubscription userId={userId} status={status} supabase={supabase} />
        {children}
      </SandboxLiveContext.Provider>
    </SWRConfig>
  );
}

function RealtimeSubscription({ userId, status, supabase }: { userId: string; status: LiveStatusStore; supabase: BrowserSupabaseConfig }) {
  useSandboxRealtime(userId, status, supabase);
  return null;
}
