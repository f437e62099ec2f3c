import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import { isAuthRetryableFetchError as isRetryableFetchError } from "@supabase/supabase-js";
import { after } from "next/server";
import { createClient } from "@/lib/supabase/server";
import { getActiveClaims, SessionCheckUnavailableError } from "@/lib/auth/active-claims";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { createOrchestratorClient, type OrchestratorClient } from "@/lib/orchestrator/client";
import { OrchestratorError } from "@/lib/orchestrator/errors";
import { getServerEnv } from "@/lib/env.server";
import { log as logger } from "@/lib/log";
import { DataError } from "@/lib/supabase/data-error";
import { isDatabaseUnreachable } from "@/lib/supabase/is-database-unreachable";
import type { Database } from "@/types/supabase";
import { ApiError } from "./errors";
import { apiErrorForOrchestrator } from "./api-error-for-orchestrator";
import { writeRequestLog, type RequestLog } from "./request-log";

export interface ApiContext<Params> {
  request: Request;
  params: Params;
  userId: string;
  /** Acts as the signed-in user: RLS decides what it sees. */
  supabase: SupabaseClient<Database>;
  orchestrator: OrchestratorClient;
  log: RequestLog;
}

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Wraps a route handler: refuses cross-site writes, requires a session, answers
 * every failure in the one error shape, marks responses no-store, logs one line.
 */
export function apiRoute<Params = Record<string, never>>(route: string, handler: (context: ApiContext<Params>) => Promise<Response>) {
  return async (request: Request, segment: { params: Promise<Params> }): Promise<Response> => {
    const started = performance.now();
    const log: RequestLog = { route, method: request.method, user_id: null, upstream: [], extra: {} };
    let response: Response;
    try {
      if (stateChanging.has(request.method) && !isSameOriginRequest(request.headers)) {
        throw new ApiError("forbidden", "This request came from another site and was refused.");
      }
      const supabase = await createClient();
      // A malformed session cookie makes getClaims throw ("token.split is not a function"): signed out.
      const { claims, error } = await getActiveClaims(supabase);
      if (error && (isRetryableFetchError(error) || error instanceof SessionCheckUnavailableError)) {
        throw new ApiError(
          "auth_unavailable",
          "Your session could not be checked: the sign-in service is not reachable. Try again in a moment.",
        );
      }
      const userId = claims?.sub;
      if (!userId) throw new ApiError("unauthorized", "Your session has ended. Sign in again.");
      log.user_id = userId;
      const env = getServerEnv();
      const orchestrator = createOrchestratorClient(
        { baseUrl: env.MATRX_ORCHESTRATOR_URL, apiKey: env.MATRX_ORCHESTRATOR_API_KEY, timeoutMs: env.MATRX_ORCHESTRATOR_TIMEOUT_MS },
        (timing) => log.upstream.push(timing),
      );
      response = await handler({ request, params: await segment.params, userId, supabase, orchestrator, log });
    } catch (error) {
      response = errorResponse(toApiError(error, request));
    }
    response.headers.set("Cache-Control", smallAnswers.has(response) ? "no-store, no-transform" : "no-store");
    const status = response.status;
    const durationMs = performance.now() - started;
    // Written once the answer is on its way: a log line to a pipe is a blocking write on Linux.
    after(() => writeRequestLog(log, status, durationMs));
    return response;
  };
}

/**
 * Answers too small to be worth compressing. Next drops a route's Content-Length before its gzip
 * step sees it, so that step (meant to skip bodies under 1 KiB) compresses every answer, a
 * 40-byte one too: under load that was about 6 % of the server's time. `no-transform` tells it,
 * and any proxy on the way, to send these as they are.
 */
const smallAnswers = new WeakSet<Response>();
const compressFromBytes = 1024;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body) as string | undefined;
  if (text === undefined) throw new TypeError("The answer is not JSON serializable.");
  const response = new Response(text, { status, headers: { ...headers, "Content-Type": "application/json" } });
  if (Buffer.byteLength(text) < compressFromBytes) smallAnswers.add(response);
  return response;
}

function errorResponse(error: ApiError): Response {
  return json(error.toBody(), error.status, error.headers);
}

/** Any failure as the ApiError to answer with; the unexpected ones are logged. */
export function toApiError(error: unknown, request: Request): ApiError {
  if (error instanceof ApiError) return error;
  // Whatever failed after the caller went away failed because it went away: not a server error.
  if (request.signal.aborted) return new ApiError("cancelled", "The request was cancelled.");
  if (error instanceof OrchestratorError) return apiErrorForOrchestrator(error);
  if (error instanceof DataError) {
    logger.error(error.message, { cause: String((error.cause as Error)?.message ?? error.cause) });
    if (isDatabaseUnreachable(error.cause)) {
      return new ApiError("database_unavailable", "The database is not reachable right now. Try again in a moment.");
    }
    return new ApiError("internal", `${error.message} Try again in a moment.`);
  }
  logger.error("A route handler failed unexpectedly", { method: request.method, path: new URL(request.url).pathname, error });
  return new ApiError("internal", "Something went wrong on our side. Try again in a moment.");
}
