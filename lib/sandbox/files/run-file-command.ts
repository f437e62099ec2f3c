import "server-only";
import { ApiError } from "@/lib/api/errors";
import { runToolCommand } from "../operations/run-tool-command";
import type { SandboxCaller } from "../operations/sandbox-caller";
import { throwIfFileCommandFailed } from "./file-error";

export interface FileCommandOptions {
  /** The path the error messages name. */
  path: string;
  timeout?: number;
  signal?: AbortSignal;
  /** The limit a too_large exit names. */
  limitBytes?: number;
}

/** Runs one file command in the caller's sandbox (runToolCommand: RLS, 409 unless running, the tools budget); its stdout. */
export async function runFileCommand(caller: SandboxCaller, id: string, command: string, options: FileCommandOptions): Promise<string> {
  const { result } = await runToolCommand(caller, id, { command, timeout: options.timeout ?? 30 }, options.signal);
  if (result.timed_out) {
    throw new ApiError("orchestrator_timeout", `The sandbox took too long with ${options.path}. Try again, or use the terminal.`);
  }
  throwIfFileCommandFailed(result, options.path, options.limitBytes);
  if (result.truncated) throw new ApiError("orchestrator_error", `The sandbox's answer about ${options.path} was cut off. Try again.`);
  return result.stdout;
}
