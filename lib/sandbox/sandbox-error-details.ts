import type { ApiErrorBody, ApiErrorInfo, HttpErrorDetails } from "@/lib/api/errors";
import type { SandboxInstance, SandboxStatus } from "./types";

/** `details` of every code /api/sandbox answers with; other codes carry none. */
export interface SandboxErrorDetails extends HttpErrorDetails {
  limit_reached: { limit: number };
  /** The sandbox's status that refused the request. */
  conflict: { status: SandboxStatus } | FileErrorDetails;
  /** A file or folder of the Files view that is not there. */
  not_found: FileErrorDetails;
  forbidden: FileErrorDetails;
  payload_too_large: FileErrorDetails;
  /** The row, now marked stopped, of a sandbox the orchestrator no longer knows. */
  gone: { instance: SandboxInstance };
}

/** What was wrong with a path of the Files view (lib/sandbox/files/file-error.ts). */
export interface FileErrorDetails {
  reason: "not_found" | "permission_denied" | "not_a_directory" | "is_a_directory" | "not_a_file" | "too_large" | "exists";
  path: string;
}

export type SandboxErrorInfo = ApiErrorInfo<SandboxErrorDetails>;
export type SandboxErrorBody = ApiErrorBody<SandboxErrorDetails>;
