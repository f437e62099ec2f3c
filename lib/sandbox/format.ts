import type { SandboxStatus } from "./status";

export const statusLabels: Record<SandboxStatus, string> = {
  creating: "Creating",
  starting: "Starting",
  ready: "Ready",
  running: "Running",
  shutting_down: "Shutting down",
  stopped: "Stopped",
  failed: "Failed",
  expired: "Expired",
};

/** The status inside a sentence: "shutting down", "ready". */
export const statusWords = (status: SandboxStatus): string => statusLabels[status].toLowerCase();

const stopReasons: Record<string, string> = {
  user_requested: "stopped by you",
  expired: "its lifetime ran out",
  error: "an error in the sandbox service",
  graceful_shutdown: "the sandbox service shut down",
  admin: "stopped by an administrator",
};

/** The stop reason in words ("its lifetime ran out"); an unknown one is shown as it is. */
export const stopReasonText = (reason: string | null): string | null =>
  reason ? (stopReasons[reason] ?? reason.replaceAll("_", " ")) : null;

/**
 * Time left as a countdown: "1 h 05 min", "14 min 09 s", "45 s"; zero or less is "0 s".
 * Rounded down: a countdown never promises a second the server will not give.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
  return `${seconds} s`;
}

/** amber under 15 minutes, red under 5. */
export function countdownTone(ms: number): "normal" | "warning" | "danger" {
  if (ms < 5 * 60_000) return "danger";
  if (ms < 15 * 60_000) return "warning";
  return "normal";
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" (or "in 5 min" for the future). */
export function formatRelative(at: number, now: number): string {
  const diff = now - at;
  const future = diff < 0;
  const seconds = Math.floor(Math.abs(diff) / 1000);
  let text: string;
  if (seconds < 45) return "just now";
  if (seconds < 3600) text = `${Math.max(1, Math.round(seconds / 60))} min`;
  else if (seconds < 86_400) text = `${Math.floor(seconds / 3600)} h`;
  else {
    const days = Math.floor(seconds / 86_400);
    text = `${days} ${days === 1 ? "day" : "days"}`;
  }
  return future ? `in ${text}` : `${text} ago`;
}

/** Building an Intl.DateTimeFormat costs far more than formatting with one: a list formats hundreds. */
const exactFormats = new Map<string, Intl.DateTimeFormat>();

/** The exact time with the zone, for hover text: "27 Nov 2026, 14:03:07 UTC". */
export function formatExact(at: number, timeZone?: string): string {
  const key = timeZone ?? "";
  let format = exactFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "short",
      timeZone,
    });
    exactFormats.set(key, format);
  }
  return format.format(at);
}

const timeOfDayFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** The local time of day, "14:03:07". */
export const formatTimeOfDay = (at: number): string => timeOfDayFormat.format(at);

/** A lifetime in words: "15 min", "2 h", "1 h 30 min", "90 s". */
export function formatLifetime(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = [hours ? `${hours} h` : "", minutes ? `${minutes} min` : "", rest ? `${rest} s` : ""].filter(Boolean);
  return parts.join(" ");
}

/** A sandbox id short enough for a table cell: the contract's "sbx-" + 12 hex stays whole, anything longer is cut. */
export const shortSandboxId = (sandboxId: string) => (sandboxId.length > 16 ? `${sandboxId.slice(0, 15)}…` : sandboxId);
