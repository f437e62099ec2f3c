import "server-only";
import { ApiError } from "@/lib/api/errors";
import { parseSignalOutcome, signalCommand } from "../processes/signal-command";
import type { ProcessSignal, SignalResult } from "../processes/types";
import { sandboxToolError } from "./list-processes";
import type { SandboxCaller } from "./sandbox-caller";
import { runToolCommand } from "./run-tool-command";
import { toolCommandTimeout } from "./tool-command-timeout";

/** Sends TERM or KILL to a process of the caller's sandbox and says whether it ended within a second. */
export async function signalProcess(
  caller: SandboxCaller,
  id: string,
  pid: number,
  signal: ProcessSignal,
  abort?: AbortSignal,
): Promise<SignalResult> {
  const { result } = await runToolCommand(caller, id, { command: signalCommand(pid, signal), timeout: toolCommandTimeout }, abort);
  const outcome = parseSignalOutcome(result.stdout);
  if (outcome === "missing") throw new ApiError("not_found", `No process ${pid} runs in this sandbox: it may have ended already.`);
  if (outcome === "denied") {
    throw new ApiError(
      "conflict",
      `Process ${pid} belongs to another user of the sandbox; the dashboard can only stop the sandbox user's processes.`,
    );
  }
  if (!outcome) throw sandboxToolError(`signal process ${pid}`, result.stderr);
  return { pid, signal, outcome };
}
