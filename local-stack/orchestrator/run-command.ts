import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Readable } from "node:stream";
import { CappedOutput } from "./capped-output.ts";
import type { Launch } from "./isolation.ts";

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** What the command wrote to fd 3 (the wrapper writes the final working directory there). */
  side: string;
  timedOut: boolean;
  aborted: boolean;
}

export interface RunOptions {
  timeoutMs: number;
  outputCapBytes: number;
  signal?: AbortSignal;
  /** Called with the process group id once the command has started. */
  onStart?: (pgid: number) => void;
}

export const timeoutExitCode = 124;

function killGroup(pid: number | undefined, signal: NodeJS.Signals = "SIGKILL") {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs one command in its own process group and kills the whole group when it ends,
 * times out or is aborted, so nothing it started outlives the exec.
 */
export function runCommand(launch: Launch, options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve) => {
    const stdout = new CappedOutput(options.outputCapBytes);
    const stderr = new CappedOutput(options.outputCapBytes);
    const side = new CappedOutput(64 * 1024);
    let timedOut = false;
    let aborted = false;
    const child = spawn(launch.file, launch.args, {
      cwd: launch.cwd,
      env: launch.env as NodeJS.ProcessEnv,
      ...(launch.uid !== undefined ? { uid: launch.uid, gid: launch.gid } : {}),
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    });
    if (child.pid !== undefined) options.onStart?.(child.pid);
    const [out, err, fd3] = [child.stdio[1], child.stdio[2], child.stdio[3]] as Readable[];
    out?.on("data", (c: Buffer) => stdout.push(c));
    err?.on("data", (c: Buffer) => stderr.push(c));
    fd3?.on("data", (c: Buffer) => side.push(c));

    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      killGroup(child.pid);
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) onAbort();

    let exitCode = 0;
    let spawnError: Error | undefined;
    child.on("error", (e) => {
      spawnError = e;
      if (child.pid === undefined) finish();
    });
    child.on("exit", (code, signal) => {
      exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
      // Background jobs left by the command would keep the pipes open; they die with the group.
      killGroup(child.pid);
      // A job that left the group (setsid) must not hold the answer forever.
      setTimeout(() => [out, err, fd3].forEach((s) => s?.destroy()), 2000).unref();
    });
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      let errText = stderr.text();
      if (spawnError) {
        exitCode = 127;
        errText += `${spawnError.message}\n`;
      }
      if (timedOut) {
        exitCode = timeoutExitCode;
        errText += `${errText && !errText.endsWith("\n") ? "\n" : ""}[command timed out after ${options.timeoutMs / 1000} s and was killed with its child processes]\n`;
      }
      resolve({ exitCode, stdout: stdout.text(), stderr: errText, side: side.text(), timedOut, aborted });
    };
    child.on("close", finish);
  });
}
