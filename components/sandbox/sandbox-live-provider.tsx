"use client";

import { createContext, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { SWRConfig } from "swr";
import { useSandboxRealtime } from "@/hooks/use-sandbox-realtime";
import { keepNewerRows } from "@/lib/sandbox/cache/keep-newer-rows";
import { createLiveStatusStore, initialLiveStatus, type LiveStatus, type LiveStatusStore } from "@/lib/sandbox/realtime/live-status-store";
import { fetchSandboxKey } from "@/lib/sandbox/cache/fetch-sandbox-key";

/** Never changes while the user stays signed in; what changes (realtime, last update) is in `status`. */
export interface SandboxLive {
  userId: string;
  /** SANDBOX_ACTIVE_LIMIT of the server. */
  activeLimit: number;
  status: LiveStatusStore;
}

/** Exported for component tests, which give it a value instead of opening a realtime connection. */
export const SandboxLiveContext = createContext<SandboxLive | null>(null);

export function useSandboxLive(): SandboxLive {
  const value = useContext(SandboxLiveContext);
  if (!value) throw new Error("useSandboxLive needs a SandboxLiveProvider above it");
  return value;
}

/** Realtime's state and the last update; re-renders the caller when they change. */
export function useLiveStatus(): LiveStatus {
  const { status } = useSandboxLive();
  return useSyncExternalStore(status.subscribe, status.getSnapshot, () => initialLiveStatus);
}

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
