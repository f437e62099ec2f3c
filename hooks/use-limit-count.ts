"use client";

import { countsAgainstLimit, type SandboxStatus } from "@/lib/sandbox/status";
import { serverNow } from "@/lib/sandbox/server-clock";
import { useClockAt } from "./use-clock-at";

type Row = { status: SandboxStatus; expires_at: string | null };
const expiry = (row: Row) => (row.expires_at === null ? Infinity : Date.parse(row.expires_at));

/**
 * How many of these rows hold one of the user's active slots (a sandbox past its expiry does not,
 * whether or not it has been ended yet). Re-renders when the next of them expires, not every second.
 */
export function useLimitCount(rows: readonly Row[]): number {
  // Only when the clock moves is the count re-read: the moment the next counted row expires.
  const nextExpiry = Math.min(...rows.filter((row) => countsAgainstLimit(row, serverNow())).map(expiry));
  const now = useClockAt(nextExpiry);
  return rows.filter((row) => countsAgainstLimit(row, now)).length;
}
