export type OrchestratorFailureKind =
  /** Connection refused, or the host unknown: the request never reached it. */
  | "unavailable"
  /** The connection closed after the request was sent, before an answer (the service died mid-request): it may have acted. */
  | "dropped"
  /** No answer before the call's deadline. */
  | "timeout"
  /** 401 or 403: the service key is missing or wrong on one side. */
  | "misconfigured"
  | "not_found"
  /** 400 or 422: the orchestrator refused the request as given. */
  | "rejected"
  /** 5xx. */
  | "server_error"
  /** An answer that is not the JSON the contract promises. */
  | "malformed";

export class OrchestratorError extends Error {
  constructor(
    readonly kind: OrchestratorFailureKind,
    message: string,
    readonly upstreamStatus?: number,
  ) {
    super(message);
    this.name = "OrchestratorError";
  }
}
