"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { SWRConfig } from "swr";
import { useSandboxRealtime, type RealtimeStatus } from "@/hooks/use-sandbox-realtime";
import { keepNewerRows } from "@/lib/sandbox/realtime/keep-newer-rows";
import { fetchSandboxKey } from "@/lib/sandbox/sandbox-fetcher";

export interface SandboxLive {
  userId: string;
  /** SANDBOX_ACTIVE_LIMIT of the server. */
  activeLimit: number;
  realtime: RealtimeStatus;
  /** When the data last changed or was confirmed (realtime event or API answer), ms since epoch. */
  lastUpdateAt: number | null;
}

/** Exported for component tests, which give it a value instead of opening a realtime connection. */
export const SandboxLiveContext = createContext<SandboxLive | null>(null);

export function useSandboxLive(): SandboxLive {
  const value = useContext(SandboxLiveContext);
  if (!value) throw new Error("useSandboxLive needs a SandboxLiveProvider above it");
  return value;
}

/** SWR for sandbox keys and the user's one realtime subscription, for every dashboard page. */
export function SandboxLiveProvider({ userId, activeLimit, children }: { userId: string; activeLimit: number; children: ReactNode }) {
  const [lastFetchAt, setLastFetchAt] = useState<number | null>(null);
  const config = useMemo(
    () => ({
      fetcher: fetchSandboxKey,
      use: [keepNewerRows],
      revalidateOnFocus: true,
      revalidateOnReconnect: true,
      dedupingInterval: 500,
      onSuccess: () => setLastFetchAt(Date.now()),
    }),
    [],
  );
  return (
    <SWRConfig value={config}>
      <Live userId={userId} activeLimit={activeLimit} lastFetchAt={lastFetchAt}>
        {children}
      </Live>
    </SWRConfig>
  );
}

function Live({
  userId,
  activeLimit,
  lastFetchAt,
  children,
}: {
  userId: string;
  activeLimit: number;
  lastFetchAt: number | null;
  children: ReactNode;
}) {
  const realtime = useSandboxRealtime(userId);
  const lastUpdateAt = Math.max(lastFetchAt ?? 0, realtime.lastEventAt ?? 0) || null;
  const value = useMemo(
    () => ({ userId, activeLimit, realtime: realtime.status, lastUpdateAt }),
    [userId, activeLimit, realtime.status, lastUpdateAt],
  );
  return <SandboxLiveContext.Provider value={value}>{children}</SandboxLiveContext.Provider>;
}
