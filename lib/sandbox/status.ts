import { sandboxStatuses } from "@/lib/orchestrator/sandbox-statuses";

export type SandboxStatus = (typeof sandboxStatuses)[number];

/** Statuses of a sandbox that still holds (or is getting) a container. */
export const activeStatuses: readonly SandboxStatus[] = ["creating", "starting", "ready", "running", "shutting_down"];
/** Statuses that never change again. */
export const endedStatuses: readonly SandboxStatus[] = ["stopped", "failed", "expired"];
/** Statuses on their way to another one: the UI shows a spinner and polls faster. */
const transitionalStatuses: readonly SandboxStatus[] = ["creating", "starting", "shutting_down"];
/** Statuses that count against the active limit (shutting_down is on its way out). */
export const countedStatuses: readonly SandboxStatus[] = ["creating", "starting", "ready", "running"];
/** Statuses in which the orchestrator runs commands. */
const execStatuses: readonly SandboxStatus[] = ["ready", "running"];
/** Statuses whose create may still be in flight. */
export const creatingStatuses: readonly SandboxStatus[] = ["creating", "starting"];

export const isSandboxStatus = (value: unknown): value is SandboxStatus => sandboxStatuses.includes(value as SandboxStatus);
export const isActive = (status: SandboxStatus) => activeStatuses.includes(status);
export const isEnded = (status: SandboxStatus) => endedStatuses.includes(status);
export const isTransitional = (status: SandboxStatus) => transitionalStatuses.includes(status);
/** Listed as active but no longer counted against the limit (on its way out). */
export const isLeaving = (status: SandboxStatus) => isActive(status) && !countedStatuses.includes(status);
export const canExec = (status: SandboxStatus) => execStatuses.includes(status);
/** A stop (or delete) request makes sense: the sandbox has not ended and is not already going. */
export const canStop = (status: SandboxStatus) => !isEnded(status) && status !== "shutting_down";

/**
 * The status to show: a ready or running sandbox past its expiry is expired by the clock, even
 * before the orchestrator's sweeper writes it. `now` is the caller's clock corrected for skew.
 */
export function effectiveStatus(row: { status: SandboxStatus; expires_at: string | null }, now: number = Date.now()): SandboxStatus {
  if (canExec(row.status) && row.expires_at !== null) {
    const expiresAt = Date.parse(row.expires_at);
    if (Number.isFinite(expiresAt) && expiresAt <= now) return "expired";
  }
  return row.status;
}

/**
 * Why a sandbox ended, for its effective status: one expired by the clock has no stop_reason yet,
 * but its reason is already known. Null while it has not ended.
 */
export function effectiveStopReason(row: { stop_reason: string | null }, status: SandboxStatus): string | null {
  if (!isEnded(status)) return null;
  return row.stop_reason ?? (status === "expired" ? "expired" : null);
}

/**
 * Holds one of the user's active slots: a counted status, not past its expiry. The same rule as
 * reserve_sandbox_slot in SQL, which is what a create is held to.
 */
export function countsAgainstLimit(row: { status: SandboxStatus; expires_at: string | null }, now: number = Date.now()): boolean {
  if (!countedStatuses.includes(row.status)) return false;
  if (row.expires_at === null) return true;
  const expiresAt = Date.parse(row.expires_at);
  return !Number.isFinite(expiresAt) || expiresAt > now;
}
