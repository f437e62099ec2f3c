import type { ApiErrorBody, ApiErrorInfo, HttpErrorDetails } from "@/lib/api/errors";
import type { SandboxInstance, SandboxStatus } from "./types";

/** `details` of every code /api/sandbox answers with; other codes carry none. */
export interface SandboxErrorDetails extends HttpErrorDetails {
  limit_reached: { limit: number };
  /** The sandbox's status that refused the request. */
  conflict: { status: SandboxStatus };
  /** The row, now marked stopped, of a sandbox the orchestrator no longer knows. */
  gone: { instance: SandboxInstance };
}

export type SandboxErrorInfo = ApiErrorInfo<SandboxErrorDetails>;
export type SandboxErrorBody = ApiErrorBody<SandboxErrorDetails>;
