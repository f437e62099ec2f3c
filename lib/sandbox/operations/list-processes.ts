import "server-only";
import { ApiError } from "@/lib/api/errors";
import { parseProcessList } from "../processes/parse-process-list";
import { processListCommand } from "../processes/process-list-command";
import type { SandboxProcess } from "../processes/types";
import type { SandboxCaller } from "./sandbox-caller";
import { runToolCommand } from "./run-tool-command";
import { toolCommandTimeout } from "./tool-command-timeout";

/** The caller's sandbox's processes, the dashboard's own marked. */
export async function listProcesses(caller: SandboxCaller, id: string, signal?: AbortSignal): Promise<SandboxProcess[]> {
  const { result } = await runToolCommand(caller, id, { command: processListCommand, timeout: toolCommandTimeout }, signal);
  const processes = result.exit_code === 0 ? parseProcessList(result.stdout) : null;
  if (!processes) throw sandboxToolError("list its processes", result.stderr);
  return processes;
}

/** The sandbox ran the dashboard's command but could not do it (no `ps` in its image, say). */
export function sandboxToolError(what: string, stderr: string): ApiError {
  const reason = stderr.trim().split("\n")[0]?.slice(0, 200);
  return new ApiError("orchestrator_error", `The sandbox could not ${what}${reason ? `: ${reason}` : "."}`);
}
