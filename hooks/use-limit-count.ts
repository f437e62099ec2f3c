"use client";

import { useEffect, useState } from "react";
import { countsAgainstLimit, type SandboxStatus } from "@/lib/sandbox/status";
import { onServerClockChange, serverNow } from "@/lib/sandbox/server-clock";

/** setTimeout's longest delay; a later expiry is checked again then. */
const maxDelayMs = 2 ** 31 - 1;

/**
 * How many of these rows hold one of the user's active slots (a sandbox past its expiry does not,
 * whether or not it has been ended yet). Re-renders when the next of them expires, not every second.
 */
export function useLimitCount(rows: readonly { status: SandboxStatus; expires_at: string | null }[]): number {
  const [now, setNow] = useState(serverNow);
  const counted = rows.filter((row) => countsAgainstLimit(row, now));
  const nextExpiry = Math.min(...counted.map((row) => (row.expires_at === null ? Infinity : Date.parse(row.expires_at))));
  useEffect(() => {
    if (!Number.isFinite(nextExpiry)) return;
    const timer = setTimeout(() => setNow(serverNow()), Math.min(Math.max(nextExpiry - serverNow() + 10, 0), maxDelayMs));
    const stop = onServerClockChange(() => setNow(serverNow()));
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [nextExpiry]);
  return counted.length;
}
