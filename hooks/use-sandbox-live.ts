"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import { initialLiveStatus, type LiveStatus, type LiveStatusStore } from "@/lib/sandbox/realtime/live-status-store";

/** Never changes while the user stays signed in; what changes (realtime, last update) is in `status`. */
export interface SandboxLive {
  userId: string;
  /** SANDBOX_ACTIVE_LIMIT of the server. */
  activeLimit: number;
  status: LiveStatusStore;
}

/** Given by SandboxLiveProvider (components/sandbox/sandbox-live-provider.tsx); component tests give it a value instead of opening a realtime connection. */
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
