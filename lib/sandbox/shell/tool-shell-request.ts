import type { ShellRequest } from "./run-shell-command";

/**
 * A command one of the dashboard's views runs (files, processes, usage), made so that it leaves the
 * sandbox's working directory alone: production's orchestrator keeps one cwd per sandbox, where the
 * terminal's commands (and any other client's) run next, and records wherever a command ends. The
 * view's command runs in a subshell, so its `cd` ends with it, and sends no `cwd` of its own.
 */
export function toolShellRequest(request: ShellRequest): ShellRequest {
  return { command: `(\n${request.command}\n)`, timeout: request.timeout, cwd: null };
}
