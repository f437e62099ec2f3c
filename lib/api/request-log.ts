import { log as logger } from "@/lib/log";
import type { UpstreamTiming } from "@/lib/orchestrator/client";

export interface RequestLog {
  route: string;
  method: string;
  user_id: string | null;
  upstream: UpstreamTiming[];
  /** Facts a route adds, never secrets or command text (e.g. command_length). */
  extra: Record<string, string | number | boolean>;
}

/** One JSON line per request. */
export function writeRequestLog(log: RequestLog, status: number, durationMs: number): void {
  const last = log.upstream.at(-1);
  logger[status >= 500 ? "error" : "info"]("request", {
    route: log.route,
    method: log.method,
    status,
    duration_ms: Math.round(durationMs),
    user_id: log.user_id,
    upstream_status: last ? last.status : undefined,
    upstream_duration_ms: last ? Math.round(last.durationMs) : undefined,
    upstream_calls: log.upstream.length || undefined,
    ...log.extra,
  });
}
