import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

export interface HostCommandResult {
  /** Exit status; null when the command could not be run to its end. */
  code: number | null;
  /** Its standard output, trailing newlines removed. */
  stdout: string;
}

// Reads `<id>\0<file>\0<arg>\0…\0\0` requests and runs each in the background, answering one line
// `<id> <status> <stdout>` with the output's newlines as \x1f. bash's stdout is line-buffered: a
// line is one write (these lines are short), so answers of jobs ending together do not interleave.
const helperScript = `while IFS= read -r -d '' id; do
  args=()
  while IFS= read -r -d '' arg && [[ -n $arg ]]; do args+=("$arg"); done
  { out=$(exec "\${args[@]}" </dev/null 2>/dev/null); status=$?; echo "$id $status \${out//$'\\n'/$'\\x1f'}"; } &
done
`;

/**
 * Runs the orchestrator's short host commands (`du` of a sandbox's folders, `mkfifo`) from one
 * long-lived bash instead of forking this process for each. Node's spawn forks the orchestrator
 * (with the local Supabase beside it, a few hundred MB) and blocks its event loop until the child
 * has exec'd: with every exec measuring the disk before it starts and every 250 ms while it runs,
 * that was a quarter of the stack's time under load, stalling every REST and realtime request.
 * Forking the small bash costs the event loop nothing. Falls back to execFile when the helper
 * cannot run or an argument cannot travel (empty, or holding NUL).
 */
export class HostCommands {
  private helper: ChildProcessWithoutNullStreams | undefined;
  private readonly pending = new Map<string, (result: HostCommandResult) => void>();
  private counter = 0;
  private stopped = false;

  run(file: string, args: string[]): Promise<HostCommandResult> {
    const fields = [file, ...args];
    const helper = this.stopped || fields.some((f) => f === "" || f.includes("\0")) ? undefined : this.ensureHelper();
    if (!helper) return runDirectly(file, args);
    const id = (this.counter++).toString(36);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // Awaited answers keep the process alive, an idle helper does not.
      if (this.pending.size === 1) refStream(helper.stdout, true);
      helper.stdin.write(`${id}\0${fields.join("\0")}\0\0`);
    });
  }

  /** Ends the helper; commands still running finish on their own, their answers are dropped. */
  async stop(): Promise<void> {
    this.stopped = true;
    const helper = this.helper;
    this.helper = undefined;
    if (!helper || helper.exitCode !== null || helper.signalCode !== null) return;
    const exited = new Promise((resolve) => helper.once("exit", resolve));
    helper.ref();
    helper.kill("SIGKILL");
    await exited;
  }

  private ensureHelper(): ChildProcessWithoutNullStreams | undefined {
    if (this.helper) return this.helper;
    let helper: ChildProcessWithoutNullStreams;
    try {
      helper = spawn("bash", ["-c", helperScript], { stdio: ["pipe", "pipe", "ignore"] as never }) as ChildProcessWithoutNullStreams;
    } catch {
      return undefined;
    }
    this.helper = helper;
    let buffered = "";
    helper.stdout.setEncoding("utf8");
    helper.stdout.on("data", (chunk: string) => {
      const answers = (buffered + chunk).split("\n");
      buffered = answers.pop()!;
      for (const answer of answers) {
        const match = /^(\w+) (\d+) (.*)$/.exec(answer);
        if (!match) continue;
        const resolve = this.pending.get(match[1]!);
        this.pending.delete(match[1]!);
        resolve?.({ code: Number(match[2]), stdout: match[3]!.replaceAll("\x1f", "\n") });
      }
      if (this.pending.size === 0) refStream(helper.stdout, false);
    });
    helper.stdin.on("error", () => undefined);
    const gone = () => {
      if (this.helper === helper) this.helper = undefined;
      for (const resolve of this.pending.values()) resolve({ code: null, stdout: "" });
      this.pending.clear();
    };
    helper.once("exit", gone);
    helper.once("error", gone);
    helper.unref();
    refStream(helper.stdin, false);
    refStream(helper.stdout, false);
    return helper;
  }
}

function refStream(stream: unknown, ref: boolean) {
  const handle = stream as { ref?: () => void; unref?: () => void };
  if (ref) handle.ref?.();
  else handle.unref?.();
}

function runDirectly(file: string, args: string[]): Promise<HostCommandResult> {
  return new Promise((resolve) => {
    execFile(file, args, { encoding: "utf8" }, (error, stdout) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout: stdout.replace(/\n+$/, "") });
    });
  });
}
