import "server-only";
import { takeExecRateLimit } from "../exec-rate-limit";
import { runShellCommand, type ShellRequest } from "../shell/run-shell-command";
import { toolShellRequest } from "../shell/tool-shell-request";
import type { ExecResponse, SandboxInstance } from "../types";
import type { SandboxCaller } from "./sandbox-caller";
import { assertCanExec } from "./assert-can-exec";
import { findOwnSandbox } from "./find-own-sandbox";
import { rethrowIfGone } from "./rethrow-if-gone";

export interface ToolCommandResult {
  row: SandboxInstance;
  result: ExecResponse;
}

/**
 * Runs a command the dashboard composed on the server (never text from the browser) for one of its
 * views: files, processes, usage. The sandbox is the caller's (RLS) and can run commands (else
 * 409); the command counts against the user's "tools" budget, not the terminal's. Shell semantics
 * as the exec route has them (`runShellCommand`): exact stdout, exit code, a timeout that holds;
 * the sandbox's working directory stays the terminal's (`toolShellRequest`).
 */
export async function runToolCommand(
  caller: SandboxCaller,
  id: string,
  request: ShellRequest,
  signal?: AbortSignal,
  /** Off only for removing what the dashboard itself left in the sandbox (a download's archive). */
  { counted = true }: { counted?: boolean } = {},
): Promise<ToolCommandResult> {
  const [row] = await Promise.all([findOwnSandbox(caller, id), counted ? takeExecRateLimit(caller.userId, "tools") : null]);
  assertCanExec(row);
  try {
    return { row, result: await runShellCommand(caller.orchestrator, row.sandbox_id, toolShellRequest(request), { signal }) };
  } catch (error) {
    if (signal?.aborted) throw error;
    return rethrowIfGone(error, row);
  }
}
