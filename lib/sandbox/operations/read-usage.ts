import "server-only";
import { parseUsage } from "../processes/parse-usage";
import type { SandboxUsage } from "../processes/types";
import { usageCommand } from "../processes/usage-command";
import { sandboxToolError } from "./list-processes";
import type { SandboxCaller } from "./sandbox-caller";
import { runToolCommand } from "./run-tool-command";
import { toolCommandTimeout } from "./tool-command-timeout";

/** One sample of what the caller's sandbox uses. */
export async function readUsage(caller: SandboxCaller, id: string, signal?: AbortSignal): Promise<SandboxUsage> {
  const { result } = await runToolCommand(caller, id, { command: usageCommand, timeout: toolCommandTimeout }, signal);
  const usage = parseUsage(result.stdout);
  if (!usage) throw sandboxToolError("report what it uses", result.stderr);
  return usage;
}
