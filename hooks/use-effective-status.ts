"use client";

import { canExec, effectiveStatus, type SandboxStatus } from "@/lib/sandbox/status";
import { useClockAt } from "./use-clock-at";

/** The status to show (a sandbox past its expiry shows as expired), re-rendering when the clock reaches the expiry. */
export function useEffectiveStatus(row: { status: SandboxStatus; expires_at: string | null }): SandboxStatus {
  const now = useClockAt(canExec(row.status) && row.expires_at !== null ? Date.parse(row.expires_at) : Number.NaN);
  return effectiveStatus(row, now);
}
