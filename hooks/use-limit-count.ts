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
  // Counted at the time of each render; useClockAt renders again when the next counted row expires.
  const now = serverNow();
  const counted = rows.filter((row) => countsAgainstLimit(row, now));
  useClockAt(Math.min(...counted.map(expiry)));
  return counted.length;
}
