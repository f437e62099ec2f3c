/** Every error any route under /api answers with: `{"error": {"code", "message", "details"?}}`. */
export const apiErrorStatus = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  misdirected: 421,
  limit_reached: 429,
  rate_limited: 429,
  internal: 500,
  orchestrator_unavailable: 502,
  orchestrator_misconfigured: 502,
  orchestrator_error: 502,
  auth_unavailable: 503,
  orchestrator_timeout: 504,
} as const;

export type ApiErrorCode = keyof typeof apiErrorStatus;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = apiErrorStatus[code];
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const notFound = () => new ApiError("not_found", "No such sandbox.");
