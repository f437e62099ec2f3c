import { readFileSync, statSync } from "node:fs";
import { percentile, round, summarize, type Summary } from "../../bench/lib/stats.ts";
import type { CallKind } from "./load-actors.ts";

/** The app's request log line for each kind of call the simulated users make. */
const routes: Record<string, CallKind> = {
  "GET /api/sandbox": "list",
  "POST /api/sandbox/[id]/exec": "exec",
  "POST /api/sandbox": "create",
  "DELETE /api/sandbox/[id]": "delete",
};

/** In the route's handler, as the app's request log has it (`duration_ms`). */
export interface HandlerTimes extends Summary {
  /** Of that, waiting on the orchestrator (`upstream_duration_ms`), where the route calls it. */
  upstreamP50: number | null;
}

/** Where each log ends now: read again with `handlerTimes`, only what was written after it counts. */
export function logEnds(logFiles: string[]): number[] {
  return logFiles.map((file) => statSync(file).size);
}

/**
 * How long the calls spent inside the app's handlers, from the request log lines written between
 * `from` and now. Beside the times the users saw, the difference is the wait before a handler
 * starts (connections accepted and requests read by a busy event loop) and after it ends.
 */
export function handlerTimes(logFiles: string[], from: number[]): Partial<Record<CallKind, HandlerTimes>> {
  const durations = new Map<CallKind, { handler: number[]; upstream: number[] }>();
  for (const [i, file] of logFiles.entries()) {
    for (const line of readFileSync(file)
      .subarray(from[i] ?? 0)
      .toString("utf8")
      .split("\n")) {
      if (!line.startsWith("{")) continue;
      let entry: { msg?: string; method?: string; route?: string; duration_ms?: number; upstream_duration_ms?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue;
      }
      const kind = entry.msg === "request" ? routes[`${entry.method} ${entry.route}`] : undefined;
      if (!kind || typeof entry.duration_ms !== "number") continue;
      if (!durations.has(kind)) durations.set(kind, { handler: [], upstream: [] });
      const times = durations.get(kind)!;
      times.handler.push(entry.duration_ms);
      if (typeof entry.upstream_duration_ms === "number") times.upstream.push(entry.upstream_duration_ms);
    }
  }
  const result: Partial<Record<CallKind, HandlerTimes>> = {};
  for (const [kind, { handler, upstream }] of durations) {
    result[kind] = {
      ...summarize(handler),
      upstreamP50: upstream.length > 0 ? round(percentile(upstream, 50)) : null,
    };
  }
  return result;
}
