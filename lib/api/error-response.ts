import { ApiError } from "./errors";

/** An ApiError as the answer: the one error shape, never cached. Usable in the proxy (no server-only imports). */
export function apiErrorResponse(error: ApiError, headers: Record<string, string> = {}): Response {
  return Response.json(error.toBody(), { status: error.status, headers: { ...error.headers, ...headers, "Cache-Control": "no-store" } });
}
