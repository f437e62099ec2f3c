import type { Isolation, SandboxUser } from "./isolation.ts";
import { forgetProcessGroup, noteProcessGroup } from "./leftover-processes.ts";
import { runCommand } from "./run-command.ts";
import type { Sandbox } from "./sandbox.ts";

export interface ExecResponse {
  exit_code: number;
  stdout: string;
  stderr: string;
  cwd: string;
}

// $1 is the starting directory, $2 the command. The EXIT trap reports where the shell ended on
// fd 3, so stdout stays exactly what the command printed, and `exit n` still reports it.
const wrapper = [
  `trap 'printf "%s" "$PWD" >&3' EXIT`,
  `cd -- "$1" || exit 1`,
  `__matrx_command=$2`,
  `set --`,
  `eval "unset __matrx_command` + "\n" + `$__matrx_command"`,
].join("\n");

export async function execInSandbox(
  sandbox: Sandbox,
  isolation: Isolation,
  request: { command: string; timeout: number; user: SandboxUser; cwd: string | null },
  options: { outputCapBytes: number; signal?: AbortSignal },
): Promise<ExecResponse> {
  const controller = new AbortController();
  const onCallerGone = () => controller.abort();
  options.signal?.addEventListener("abort", onCallerGone, { once: true });
  if (options.signal?.aborted) controller.abort();
  sandbox.running.add(controller);
  try {
    const start = request.cwd ?? sandbox.cwd;
    const launch = isolation.launch(sandbox.dirs, sandbox.id, request.user, wrapper, [
      "bash",
      isolation.toCommandPath(sandbox.dirs, start),
      request.command,
    ]);
    let pgid: number | undefined;
    const result = await runCommand(launch, {
      timeoutMs: request.timeout * 1000,
      outputCapBytes: options.outputCapBytes,
      signal: controller.signal,
      onStart: (started) => {
        pgid = started;
        noteProcessGroup(sandbox.dirs.root, started);
      },
    });
    if (pgid !== undefined) forgetProcessGroup(sandbox.dirs.root, pgid);
    const cwd = result.side ? isolation.toSandboxPath(sandbox.dirs, result.side) : start;
    sandbox.cwd = cwd;
    return { exit_code: result.exitCode, stdout: result.stdout, stderr: result.stderr, cwd };
  } finally {
    sandbox.running.delete(controller);
    options.signal?.removeEventListener("abort", onCallerGone);
  }
}
