import type { CappedOutput } from "./capped-output.ts";
import { diskQuotaNotice, guardDisk } from "./disk-quota.ts";
import { HttpError } from "./errors.ts";
import type { HostCommands } from "./host-commands.ts";
import type { Isolation, SandboxUser } from "./isolation.ts";
import type { ExecTimeoutMode } from "./options.ts";
import { cwdSentinel, decodeProduction, parseProductionOutput, productionWrapper } from "./production-exec.ts";
import type { Sandbox } from "./sandbox.ts";

export interface ExecResponse {
  exit_code: number;
  stdout: string;
  stderr: string;
  cwd: string;
}

const timeoutExitCode = 124;
/** A command killed with the sandbox under it (stop, expiry) answers as docker's would: SIGKILL. */
const killedExitCode = 137;

function stdoutOf(output: CappedOutput): { stdout: string; cwd: string | null } {
  if (!output.truncated) return parseProductionOutput(output.head());
  // The marker and directory are in the tail; what is shown is the head and a note that does not
  // count the wrapper's own trailer.
  const tail = output.tail();
  const at = tail.lastIndexOf(cwdSentinel);
  const trailer = at === -1 ? 0 : tail.length - at;
  return { stdout: decodeProduction(output.head()) + output.marker(trailer), cwd: parseProductionOutput(tail).cwd };
}

/**
 * Runs one command in the sandbox's container the way production's exec_in_sandbox does: its
 * wrapper text through `bash -c`, its marker parsing and decoding, the working directory it tracks.
 * With the timeout enforced (the default), a command past it, or whose caller went away, is
 * killed with its process group, and its output is capped; with it ignored, as in production,
 * neither happens.
 */
export async function execInSandbox(
  sandbox: Sandbox,
  isolation: Isolation,
  request: { command: string; timeout: number; user: SandboxUser; cwd: string | null },
  options: {
    outputCapBytes: number;
    timeoutMode: ExecTimeoutMode;
    signal?: AbortSignal;
    /** The sandbox's disk quota and largest file, in bytes, and what measures its folders. */
    disk?: { quotaBytes: number; maxFileBytes: number; commands: HostCommands };
  },
): Promise<ExecResponse> {
  const container = sandbox.container;
  if (!container?.running) throw new HttpError(500, `Container for sandbox ${sandbox.id} is not running (status: exited)`);
  // effective_cwd = cwd or _sandbox_cwd.get(sandbox_id, _DEFAULT_CWD)
  const start = isolation.toCommandPath(sandbox.dirs, request.cwd || sandbox.cwd);
  const enforce = options.timeoutMode === "enforce";
  let kill = () => {};
  const disk = options.disk
    ? await guardDisk(sandbox.dirs, options.disk.commands, options.disk.quotaBytes, options.disk.maxFileBytes, () => kill())
    : undefined;
  const handle = container.exec(
    productionWrapper(request.command, start),
    enforce ? options.outputCapBytes : Infinity,
    disk?.fileSizeBlocks,
  );
  kill = handle.kill;
  let timedOut = false;
  const timer = enforce
    ? setTimeout(() => {
        timedOut = true;
        handle.kill();
      }, request.timeout * 1000)
    : undefined;
  const onCallerGone = () => handle.kill();
  if (enforce) {
    options.signal?.addEventListener("abort", onCallerGone, { once: true });
    if (options.signal?.aborted) handle.kill();
  }
  try {
    const raw = await handle.done;
    const { stdout, cwd: reported } = stdoutOf(raw.stdout);
    let stderr = decodeProduction(raw.stderr.head()) + (raw.stderr.truncated ? raw.stderr.marker() : "");
    let exitCode = raw.exitCode ?? killedExitCode;
    if (timedOut) {
      exitCode = timeoutExitCode;
      stderr += `${stderr && !stderr.endsWith("\n") ? "\n" : ""}[command timed out after ${request.timeout} s and was killed with its child processes]\n`;
    }
    if (disk?.exceeded) stderr += `${stderr && !stderr.endsWith("\n") ? "\n" : ""}${diskQuotaNotice(options.disk!.quotaBytes)}`;
    // Without the marker (the command left with `exit`, or was killed) the directory is unchanged.
    const cwd = isolation.toSandboxPath(sandbox.dirs, reported ?? start);
    if (reported) sandbox.cwd = cwd;
    return { exit_code: exitCode, stdout, stderr, cwd };
  } finally {
    clearTimeout(timer);
    disk?.end();
    options.signal?.removeEventListener("abort", onCallerGone);
  }
}
