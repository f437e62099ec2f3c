/** Every error any route under /api answers with: `{"error": {"code", "message", "details"?}}`. */
const apiErrorStatus = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  /** The request did not arrive whole in time (answered at the Node server). */
  request_timeout: 408,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  misdirected: 421,
  /** The request line and headers are past the Node server's limit (16 KB). */
  headers_too_large: 431,
  limit_reached: 429,
  rate_limited: 429,
  /** The caller went away (Ctrl+C in the terminal): nobody reads it, the log line says what happened. */
  cancelled: 499,
  internal: 500,
  orchestrator_unavailable: 502,
  orchestrator_misconfigured: 502,
  orchestrator_error: 502,
  auth_unavailable: 503,
  /** The database (or Supabase in front of it) could not be reached. */
  database_unavailable: 503,
  orchestrator_timeout: 504,
} as const;

export type ApiErrorCode = keyof typeof apiErrorStatus;

import type { FieldProblem } from "@/lib/http/field-problems";

export type { FieldProblem };

/** `details` of the codes this layer answers itself; a domain adds its own codes (see `ApiErrorInfo`). */
export interface HttpErrorDetails {
  validation: { fields: FieldProblem[] };
  rate_limited: { retry_after_seconds: number };
  /** Absent when the orchestrator answered nothing readable. */
  orchestrator_error: { upstream_status?: number };
}

type DetailsOf<C extends ApiErrorCode, Details> = C extends keyof Details ? Details[C] : never;

/** The `error` object, discriminated by code: narrowing on `code` types `details`. */
export type ApiErrorInfo<Details = HttpErrorDetails> = {
  [C in ApiErrorCode]: { code: C; message: string; details?: DetailsOf<C, Details> };
}[ApiErrorCode];

export interface ApiErrorBody<Details = HttpErrorDetails> {
  error: ApiErrorInfo<Details>;
}

export class ApiError<C extends ApiErrorCode = ApiErrorCode> extends Error {
  readonly status: number;

  constructor(
    readonly code: C,
    message: string,
    // Codes this layer knows are checked here; a domain's own are checked by its wire type.
    readonly details?: C extends keyof HttpErrorDetails ? HttpErrorDetails[C] : unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = apiErrorStatus[code];
  }

  toBody(): { error: { code: C; message: string; details?: unknown } } {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}
