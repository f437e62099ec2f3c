import { ApiError } from "@/lib/api/errors";
import type { FileErrorDetails } from "../sandbox-error-details";
import type { ExecResponse } from "../types";
import { fileExit } from "./file-exit-codes";

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** An error of a path, in the API's shape: the message names the path and says what to do. */
function fileError(reason: FileErrorDetails["reason"], path: string, limitBytes?: number): ApiError {
  const details = { reason, path };
  switch (reason) {
    case "not_found":
      return new ApiError("not_found", `${path} does not exist (any more). Refresh to see the folder as it is.`, details);
    case "permission_denied":
      return new ApiError("forbidden", `Permission denied: the sandbox's user may not do this with ${path}.`, details);
    case "not_a_directory":
      return new ApiError("conflict", `${path} is not a folder.`, details);
    case "is_a_directory":
      return new ApiError("conflict", `${path} is a folder.`, details);
    case "not_a_file":
      return new ApiError("conflict", `${path} is not a regular file (a device, socket or pipe), so it cannot be read.`, details);
    case "exists":
      return new ApiError("conflict", `${path} already exists.`, details);
    case "too_large":
      return new ApiError(
        "payload_too_large",
        limitBytes ? `${path} is larger than ${mib(limitBytes)}, the limit here.` : `${path} is too large.`,
        details,
      );
  }
}

const reasonsByExit: Record<number, FileErrorDetails["reason"]> = {
  [fileExit.notFound]: "not_found",
  [fileExit.permissionDenied]: "permission_denied",
  [fileExit.notADirectory]: "not_a_directory",
  [fileExit.isADirectory]: "is_a_directory",
  [fileExit.notARegularFile]: "not_a_file",
  [fileExit.tooLarge]: "too_large",
  [fileExit.exists]: "exists",
};

/**
 * Throws the error a file command's result says, if any: the exit codes of file-exit-codes.ts, else
 * what its stderr says (a command of the sandbox that failed on its own: No such file, Permission
 * denied), else a 409 with the first line of stderr: the sandbox ran the command, and the command
 * refused what the user asked of it there (moving /dev/zero: Device or resource busy). A 502 only
 * when the sandbox could not run it at all (a missing tool, 126/127, or a signal).
 */
export function throwIfFileCommandFailed(result: ExecResponse, path: string, limitBytes?: number): void {
  if (result.exit_code === 0) return;
  const reason = reasonsByExit[result.exit_code];
  if (reason) throw fileError(reason, path, limitBytes);
  if (/Permission denied|Operation not permitted|Read-only file system/.test(result.stderr)) throw fileError("permission_denied", path);
  if (/No such file or directory/.test(result.stderr)) throw fileError("not_found", path);
  if (/Not a directory/.test(result.stderr)) throw fileError("not_a_directory", path);
  if (result.exit_code === fileExit.incomplete) {
    throw new ApiError("orchestrator_error", "The upload did not arrive whole in the sandbox and was discarded. Try again.");
  }
  const said = result.stderr.trim().split("\n")[0]?.slice(0, 300);
  const message = `The sandbox could not do this with ${path}${said ? `: ${said}` : ` (exit code ${result.exit_code})`}.`;
  const couldNotRun = result.exit_code === 126 || result.exit_code === 127 || result.exit_code > 128;
  throw new ApiError(couldNotRun ? "orchestrator_error" : "conflict", message);
}
