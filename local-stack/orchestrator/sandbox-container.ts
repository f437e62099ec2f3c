import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { Socket } from "node:net";
import { CappedOutput } from "./capped-output.ts";
import { FifoPool } from "./fifo-pool.ts";
import type { HostCommands } from "./host-commands.ts";
import type { Isolation } from "./isolation.ts";
import { killSandboxProcessesAsync, sandboxTagVariable, type SandboxProcessMarks } from "./sandbox-processes.ts";
import { jailFifoDir, type SandboxDirs } from "./sandbox-paths.ts";
import { supervisorScript } from "./supervisor-script.ts";

/** What one exec produced: raw bytes (capped), and how it ended. */
export interface RawExec {
  /** The command's exit status; null when it was killed (timeout, abandoned) or the sandbox ended under it. */
  exitCode: number | null;
  stdout: CappedOutput;
  stderr: CappedOutput;
}

export interface ExecHandle {
  /** Settles once the command has exited and its stdout and stderr are at EOF (or it was killed). */
  done: Promise<RawExec>;
  /** Kills the exec's process group; the answer follows once its output ends (at most 2 s later). */
  kill(): void;
}

interface Pending {
  /** Names the exec to the supervisor, and its FIFOs; known once they are made. */
  id?: string;
  stdout: CappedOutput;
  stderr: CappedOutput;
  group?: number;
  exitCode?: number | null;
  killRequested: boolean;
  streamsOpen: number;
  /** Asks, while the output has ended and no exit line came, whether the exec's waiter still exists. */
  checker?: NodeJS.Timeout;
  sockets: Socket[];
  fifos: string[];
  /** Answers now, with what there is. */
  finish(): void;
  /** Answers if the command has exited and its output has ended. */
  settle(): void;
}

const afterKillGraceMs = 2000;

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) found.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

const rlimitOptions: Record<string, string> = {
  "Max cpu time": "--cpu",
  "Max file size": "--fsize",
  "Max processes": "--nproc",
  "Max open files": "--nofile",
  "Max address space": "--as",
};

/** A process's rlimits as prlimit options, so that a process started beside it gets the same. */
function rlimitsOf(pid: number): string[] {
  try {
    const options: string[] = [];
    for (const line of readFileSync(`/proc/${pid}/limits`, "utf8").split("\n")) {
      const match = /^(Max [a-z ]+?)\s{2,}(\S+)\s+(\S+)/.exec(line);
      const option = match && rlimitOptions[match[1]!];
      if (option) options.push(`${option}=${match[2]}:${match[3]}`);
    }
    return options;
  } catch {
    return [];
  }
}

/**
 * One sandbox's long-lived process tree (its "container"): a supervisor shell started once, in
 * the sandbox's jail or session, with the sandbox's limits and cgroups, that runs every exec.
 */
export class SandboxContainer {
  private readonly execs = new Map<string, Pending>();
  private readonly exited: Promise<void>;
  private alive = true;
  private marks: SandboxProcessMarks;
  private errors = "";
  private readonly fifoPool: FifoPool;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly isolation: Isolation,
    private readonly dirs: SandboxDirs,
    private readonly controlDir: string,
    private readonly owner: { uid: number; gid: number } | undefined,
    marks: SandboxProcessMarks,
    private readonly log: (line: string) => void,
    private readonly sandboxId: string,
    commands: HostCommands,
  ) {
    this.marks = marks;
    this.fifoPool = new FifoPool(controlDir, owner, commands);
    let ended!: () => void;
    this.exited = new Promise((resolve) => (ended = resolve));
    const onEnd = (why: string | null) => {
      if (!this.alive) return;
      this.alive = false;
      ended();
      if (why) this.log(`sandbox ${sandboxId}: its container ended (${why}): ${this.errors.trim().slice(0, 500)}`);
      for (const pending of this.execs.values()) {
        if (pending.exitCode === undefined) pending.exitCode = null;
        // What is left of it died with the container; a process that escaped must not hold the answer.
        setTimeout(() => pending.sockets.forEach((s) => s.destroy()), 200).unref();
      }
    };
    child.once("exit", (code, signal) => onEnd(code ? `exit ${code}` : signal && signal !== "SIGKILL" ? signal : null));
    // It could not be started at all (no pid, no exit event).
    child.once("error", (error) => onEnd(error.message));
    child.stdin.on("error", () => undefined);
    child.stderr.on("data", (chunk: Buffer) => {
      if (this.errors.length < 4096) this.errors += chunk.toString("utf8");
    });
    // Lines are short; a sandbox process that reaches the supervisor's stdout (through /proc) must
    // not make the orchestrator buffer without end, so a longer line is dropped.
    let partial = "";
    child.stdout.setEncoding("latin1");
    child.stdout.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop()!;
      if (partial.length > 256) partial = "";
      for (const line of lines) if (line.length <= 256) this.onControl(line);
    });
  }

  static start(
    isolation: Isolation,
    dirs: SandboxDirs,
    sandboxId: string,
    log: (line: string) => void,
    commands: HostCommands,
  ): SandboxContainer {
    const controlDir = dirs.control;
    mkdirSync(controlDir, { recursive: true, mode: 0o711 });
    const fifoDir = isolation.mode === "bwrap" ? jailFifoDir : controlDir;
    const launch = isolation.launch(dirs, sandboxId, "agent", supervisorScript, ["matrx-supervisor", fifoDir]);
    const child = spawn(launch.file, launch.args, {
      cwd: launch.cwd,
      env: launch.env as NodeJS.ProcessEnv,
      ...(launch.uid !== undefined ? { uid: launch.uid, gid: launch.gid } : {}),
      // Its own session: unjailed, the session is one of the marks its processes are found by.
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const cgroupDirs = isolation.cgroupDirsFor?.(sandboxId) ?? [];
    const marks: SandboxProcessMarks = isolation.mode === "bwrap" ? { cgroupDirs } : { session: child.pid, tag: sandboxId, cgroupDirs };
    return new SandboxContainer(child, isolation, dirs, controlDir, isolation.hostUser, marks, log, sandboxId, commands);
  }

  get running() {
    return this.alive;
  }

  /** Host pid of the process that holds the sandbox (bubblewrap, or the supervisor shell). */
  get pid() {
    return this.child.pid;
  }

  /**
   * Jailed, remembers the jail's pid namespace (once its init exists), so that stop finds every
   * process inside even if bubblewrap is gone. Never the orchestrator's own namespace.
   */
  noteNamespace() {
    if (this.marks.pidNamespace || this.child.pid === undefined || this.marks.session !== undefined) return;
    try {
      const own = readlinkSync("/proc/self/ns/pid");
      for (const pid of childrenOf(this.child.pid)) {
        const namespace = readlinkSync(`/proc/${pid}/ns/pid`);
        if (namespace !== own) this.marks = { ...this.marks, pidNamespace: namespace };
      }
    } catch {
      // Not there yet, or gone.
    }
  }

  /**
   * How to start a login shell (or `bash -c command`) inside this sandbox, beside its execs: in its
   * cgroups, with its supervisor's rlimits, as its user, and jailed, in the jail's own namespaces
   * (nsenter into its first process), so it sees the same files and processes. The caller gives it
   * a terminal (SSH sessions, through node-pty).
   */
  shellLaunch(term: string, command?: string): { file: string; args: string[]; cwd: string; env: Record<string, string> } | null {
    const holder = this.child.pid;
    if (!this.alive || holder === undefined) return null;
    const jailed = this.isolation.mode === "bwrap";
    const first = jailed ? childrenOf(holder)[0] : holder;
    if (first === undefined) return null;
    const home = jailed ? "/home/agent" : this.dirs.home;
    const env = {
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOME: home,
      USER: "agent",
      LOGNAME: "agent",
      SHELL: "/bin/bash",
      LANG: "C.UTF-8",
      TERM: /^[\w.+-]{1,64}$/.test(term) ? term : "xterm-256color",
      ...(jailed ? {} : { [sandboxTagVariable]: this.sandboxId }),
    };
    const shell = [
      "env",
      "-i",
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      "/bin/bash",
      "-l",
      ...(command === undefined ? [] : ["-c", command]),
    ];
    const asUser = jailed
      ? ["nsenter", "-t", String(first), "-U", "-m", "-p", "-u", "-i", "-n", "-S", "1000", "-G", "1000", `--wdns=${home}`, "--"]
      : this.owner && process.getuid?.() === 0
        ? ["setpriv", `--reuid=${this.owner.uid}`, `--regid=${this.owner.gid}`, "--clear-groups", "--"]
        : [];
    const cgroups = this.marks.cgroupDirs ?? [];
    return {
      file: "/bin/bash",
      args: [
        "-c",
        'n=$1; shift; for d in "${@:1:n}"; do echo $$ > "$d/cgroup.procs" || exit 125; done; shift "$n"; exec "$@"',
        "sandbox-shell",
        String(cgroups.length),
        ...cgroups,
        "prlimit",
        ...rlimitsOf(first),
        "--",
        ...asUser,
        ...shell,
      ],
      cwd: jailed ? "/" : home,
      env: { PATH: env.PATH },
    };
  }

  /** `fileSizeBlocks`: the command's soft RLIMIT_FSIZE (1024-byte blocks; at most the sandbox's hard one). */
  exec(script: string, capBytes: number, fileSizeBlocks?: number): ExecHandle {
    let resolveDone!: (raw: RawExec) => void;
    const done = new Promise<RawExec>((resolve) => (resolveDone = resolve));
    let finished = false;
    const pending: Pending = {
      stdout: new CappedOutput(capBytes),
      stderr: new CappedOutput(capBytes),
      killRequested: false,
      streamsOpen: 2,
      sockets: [],
      fifos: [],
      finish: () => {
        if (finished) return;
        finished = true;
        if (pending.id !== undefined) this.execs.delete(pending.id);
        clearInterval(pending.checker);
        pending.sockets.forEach((s) => s.destroy());
        pending.fifos.forEach((f) => rmSync(f, { force: true }));
        resolveDone({ exitCode: pending.exitCode ?? null, stdout: pending.stdout, stderr: pending.stderr });
      },
      settle: () => {
        if (pending.streamsOpen > 0) return;
        if (pending.exitCode !== undefined) return pending.finish();
        // The exit line normally follows EOF at once; without it for a while, the waiter may be dead.
        pending.checker ??= setInterval(() => {
          if (pending.group !== undefined) this.send("check", pending.id!, String(pending.group));
        }, 500).unref();
      },
    };
    const kill = () => {
      if (pending.killRequested || finished) return;
      pending.killRequested = true;
      if (pending.group !== undefined) this.send("kill", String(pending.group));
      // The waiting subshell dies with the group: no exit line will come.
      if (pending.exitCode === undefined) pending.exitCode = null;
      setTimeout(() => pending.finish(), afterKillGraceMs).unref();
      pending.settle();
    };
    void (async () => {
      try {
        const id = await this.fifoPool.take();
        pending.id = id;
        pending.fifos = FifoPool.paths(this.controlDir, id);
        this.execs.set(id, pending);
        for (const [fifo, sink] of [
          [pending.fifos[0]!, pending.stdout],
          [pending.fifos[1]!, pending.stderr],
        ] as const) {
          // O_NOFOLLOW and the type check: whatever sits in the control dir, this opens no other file.
          const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
          if (!fstatSync(fd).isFIFO()) {
            closeSync(fd);
            throw new Error(`${fifo} is not a FIFO`);
          }
          // A FIFO opened for reading reports EOF only after a writer has come and gone.
          const socket = new Socket({ fd, readable: true, writable: false });
          pending.sockets.push(socket);
          socket.on("data", (chunk: Buffer) => sink.push(chunk));
          socket.on("error", () => undefined);
          socket.once("close", () => {
            pending.streamsOpen--;
            pending.settle();
          });
        }
        if (pending.killRequested || !this.alive) {
          if (pending.exitCode === undefined) pending.exitCode = null;
          return pending.finish();
        }
        this.send("run", id, fileSizeBlocks === undefined ? "unlimited" : String(fileSizeBlocks), script);
      } catch (error) {
        pending.stderr.push(Buffer.from(`${(error as Error).message}\n`));
        pending.exitCode = 126;
        pending.finish();
      }
    })();
    return { done, kill };
  }

  /** Kills every process of the sandbox and waits (bounded) for its holder to be gone. */
  async destroy(): Promise<void> {
    if (this.child.pid !== undefined) {
      try {
        process.kill(this.child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await killSandboxProcessesAsync(this.marks);
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    const left = await killSandboxProcessesAsync(this.marks);
    if (left > 0) this.log(`sandbox ${this.sandboxId}: ${left} process(es) could not be killed`);
    for (const pending of this.execs.values()) {
      if (pending.exitCode === undefined) pending.exitCode = null;
      pending.finish();
    }
    rmSync(this.controlDir, { recursive: true, force: true });
  }

  private send(...fields: string[]) {
    if (!this.alive) return;
    this.child.stdin.write(fields.map((f) => `${f}\0`).join(""));
  }

  private onControl(line: string) {
    const [kind, id, value] = line.split(" ");
    if (kind === "gone" && id) return this.onGone(id);
    const pending = this.execs.get(id ?? "");
    const n = Number(value);
    if (!pending || !Number.isInteger(n)) return;
    if (kind === "started") {
      pending.group = n;
      if (pending.killRequested) this.send("kill", String(n));
    } else if (kind === "exit" && pending.exitCode === undefined) {
      pending.exitCode = n;
      pending.settle();
    }
  }

  private onGone(id: string) {
    const pending = this.execs.get(id);
    if (!pending || pending.exitCode !== undefined) return;
    pending.exitCode = null;
    pending.settle();
  }
}
