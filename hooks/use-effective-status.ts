"use client";

import { useEffect, useState } from "react";
import { canExec, effectiveStatus, type SandboxStatus } from "@/lib/sandbox/status";
import { onServerClockChange, serverNow } from "@/lib/sandbox/server-clock";

/** setTimeout's longest delay; a later expiry is checked again then. */
const maxDelayMs = 2 ** 31 - 1;

/**
 * The status to show (a sandbox past its expiry shows as expired), re-rendering only when the
 * clock reaches the expiry: a list of rows must not all re-render every second for it.
 */
export function useEffectiveStatus(row: { status: SandboxStatus; expires_at: string | null }): SandboxStatus {
  const [now, setNow] = useState(serverNow);
  const expiresAt = canExec(row.status) && row.expires_at !== null ? Date.parse(row.expires_at) : Number.NaN;
  useEffect(() => {
    if (!Number.isFinite(expiresAt)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const current = serverNow();
      setNow(current);
      clearTimeout(timer);
      if (current < expiresAt) timer = setTimeout(check, Math.min(expiresAt - current + 10, maxDelayMs));
    };
    check();
    const stop = onServerClockChange(check);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [expiresAt]);
  return effectiveStatus(row, now);
}
