import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { after } from "next/server";
import { createOrchestratorClient, type OrchestratorClient } from "@/lib/orchestrator/client";
import { getServerEnv } from "@/lib/env.server";
import { toApiError } from "./api-route";
import { apiErrorResponse } from "./error-response";
import { ApiError } from "./errors";
import { writeRequestLog, type RequestLog } from "./request-log";

export interface CronContext {
  request: Request;
  orchestrator: OrchestratorClient;
  log: RequestLog;
}

/**
 * Wraps a route a scheduler calls (Vercel Cron, pg_cron with pg_net, `npm run local`): no session,
 * but `Authorization: Bearer <CRON_SECRET>`, compared in constant time. Without CRON_SECRET
 * configured it refuses every call. Failures answer in the one error shape, no-store, one log line.
 */
export function cronRoute(route: string, handler: (context: CronContext) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const started = performance.now();
    const log: RequestLog = { route, method: request.method, user_id: null, upstream: [], extra: {} };
    let response: Response;
    try {
      const env = getServerEnv();
      if (!env.CRON_SECRET) {
        throw new ApiError("forbidden", "Scheduled jobs are turned off on this server: CRON_SECRET is not set.");
      }
      if (!bearerMatches(request.headers.get("authorization"), env.CRON_SECRET)) {
        throw new ApiError("unauthorized", "This route is for the scheduler: send Authorization: Bearer <CRON_SECRET>.");
      }
      const orchestrator = createOrchestratorClient(
        { baseUrl: env.MATRX_ORCHESTRATOR_URL, apiKey: env.MATRX_ORCHESTRATOR_API_KEY, timeoutMs: env.MATRX_ORCHESTRATOR_TIMEOUT_MS },
        (timing) => log.upstream.push(timing),
      );
      response = await handler({ request, orchestrator, log });
    } catch (error) {
      response = apiErrorResponse(toApiError(error, request));
    }
    response.headers.set("Cache-Control", "no-store");
    const status = response.status;
    const durationMs = performance.now() - started;
    after(() => writeRequestLog(log, status, durationMs));
    return response;
  };
}

/** Digests of equal length, so neither the secret's length nor its first differing byte shows in the timing. */
function bearerMatches(header: string | null, secret: string): boolean {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(secret));
}
