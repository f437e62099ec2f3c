import type { ExecResult } from "@/lib/orchestrator/contract";

export interface ShellResult extends ExecResult {
  /** The command was stopped by its timeout (exit code 124, or 137 when it had to be killed). */
  timedOut: boolean;
}

/**
 * Reads the trailer `shellScript` appends to stdout (see shell-script.ts). Null when it is not
 * there: the script did not run (the orchestrator's own `cd` failed, or it killed the command at
 * its own timeout), and the orchestrator's answer is all there is.
 */
export function parseShellResult(result: ExecResult, token: string, timeoutSeconds: number): ShellResult | null {
  const close = ` ${token}`;
  if (!result.stdout.endsWith(close)) return null;
  const body = result.stdout.slice(0, -close.length);
  const open = body.lastIndexOf(`\n${token} `);
  if (open === -1) return null;
  const trailer = body.slice(open + 1);
  const lineEnd = trailer.indexOf("\n");
  if (lineEnd === -1) return null;
  const [, exit, started, ended] = trailer.slice(0, lineEnd).split(" ");
  const exitCode = Number(exit);
  if (!Number.isInteger(exitCode)) return null;
  const elapsed = Number(ended) - Number(started);
  const timedOut =
    (exitCode === 124 || exitCode === 137) &&
    // Without bash 5's EPOCHREALTIME the clock is unknown: trust the exit code.
    (!Number.isFinite(elapsed) || elapsed >= timeoutSeconds - 0.05);
  return {
    exit_code: exitCode,
    stdout: body.slice(0, open),
    // The command's bash reports the job the timeout's signal ended ("Terminated"); the terminal's
    // own note says it better, once.
    stderr: timedOut ? result.stderr.replace(/(^|\n)(Terminated|Killed)\n$/, "$1") : result.stderr,
    cwd: trailer.slice(lineEnd + 1) || result.cwd,
    timedOut,
  };
}
