import { readdirSync, readFileSync } from "node:fs";
import type { SandboxCgroups } from "./cgroups.ts";
import type { Isolation, Launch } from "./isolation.ts";

/** Resource limits of sandbox commands, applied as rlimits to every process a command starts. */
export interface SandboxLimits {
  /** RLIMIT_NPROC: processes (threads) of the uid that runs sandbox commands. */
  processes: number;
  /** RLIMIT_AS: address space of each process, in bytes. */
  memoryBytes: number;
  /** RLIMIT_FSIZE: largest file a process may write, in bytes. */
  fileSizeBytes: number;
  /** RLIMIT_NOFILE: open files per process. */
  openFiles: number;
  /** RLIMIT_CPU: CPU seconds per process. */
  cpuSeconds: number;
  /** What one sandbox keeps on disk (home, cold folder and, jailed, /tmp), in bytes: see disk-quota.ts. */
  diskBytes: number;
}

export const defaultLimits: SandboxLimits = {
  processes: 512,
  memoryBytes: 2 * 1024 ** 3,
  fileSizeBytes: 1024 ** 3,
  openFiles: 1024,
  cpuSeconds: 600,
  diskBytes: 2 * 1024 ** 3,
};

const mib = 1024 * 1024;

export function limitsFromEnv(env: NodeJS.ProcessEnv): Partial<SandboxLimits> {
  const int = (name: string) => {
    const raw = env[name];
    if (!raw) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got ${raw})`);
    return n;
  };
  const limits: Partial<SandboxLimits> = {
    processes: int("ORCHESTRATOR_LIMIT_PROCESSES"),
    memoryBytes: (int("ORCHESTRATOR_LIMIT_MEMORY_MB") ?? 0) * mib || undefined,
    fileSizeBytes: (int("ORCHESTRATOR_LIMIT_FILE_SIZE_MB") ?? 0) * mib || undefined,
    openFiles: int("ORCHESTRATOR_LIMIT_OPEN_FILES"),
    cpuSeconds: int("ORCHESTRATOR_LIMIT_CPU_SECONDS"),
    diskBytes: (int("ORCHESTRATOR_LIMIT_DISK_MB") ?? 0) * mib || undefined,
  };
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}

/** Tasks (threads included, as RLIMIT_NPROC counts them) whose real uid is this one. */
function tasksOf(uid: number): number {
  let total = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) !== uid) continue;
      total += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

export interface LimitsReport extends SandboxLimits {
  enforced_by: "rlimit" | "cgroup v1 + rlimit" | "cgroup v2 + rlimit";
  /** What the process limit counts, in this mode. */
  processes_scope: string;
  /** What the memory limit bounds, in this mode. */
  memory_scope: string;
  /** What the disk quota counts and how it holds, in this mode. */
  disk_scope: string;
}

/**
 * RLIMIT_NPROC counts every process of a real uid, host-wide. A dedicated sandbox uid (the
 * orchestrator runs as root) makes it a cap on all sandboxes together; commands running as the
 * developer's own uid get that many more than the uid already runs; uid 0 ignores it.
 */
function processScope(isolation: Isolation, limits: SandboxLimits): { scope: string; nproc: () => number | null } {
  const uid = isolation.hostUser?.uid ?? process.getuid?.() ?? 0;
  if (uid === 0) return { scope: "not enforced: commands run as host uid 0, which the process limit does not bind", nproc: () => null };
  if (isolation.hostUser) {
    return { scope: `for all sandboxes together, which share host uid ${uid}`, nproc: () => limits.processes };
  }
  return {
    scope: `more than host uid ${uid} (the orchestrator's own) runs when a command starts`,
    nproc: () => tasksOf(uid) + limits.processes,
  };
}

// Joins the sandbox's cgroups (or fails), sets the rlimits (soft and hard; where the hard limit
// is already lower it is kept), drops to the sandbox uid, then execs. bubblewrap's options (host
// paths among them) go through a pipe, not its command line, which the jail would see as
// /proc/1/cmdline.
const wrapperScript = [
  `n=$1; shift; for d in "\${@:1:n}"; do echo $$ > "$d/cgroup.procs" || exit 125; done; shift "$n"`,
  `n=$1; shift; for s in "\${@:1:n}"; do ulimit -SH $s 2>/dev/null || true; done; shift "$n"`,
  `n=$1; shift; user=("\${@:1:n}"); shift "$n"`,
  `k=$1; shift`,
  `if [ "$k" -gt 0 ]; then exec "\${user[@]}" "\${@:k+1:1}" --args 4 "\${@:k+2}" 4< <(printf '%s\\0' "\${@:1:k}"); fi`,
  `exec "\${user[@]}" "$@"`,
].join("\n");

const counted = (items: string[]) => [String(items.length), ...items];

/**
 * Wraps each launch in a bash that puts it in its sandbox's cgroups (where the orchestrator can
 * make them), sets the rlimits, then execs it; in bwrap mode nested user namespaces are disabled.
 */
export function limitedIsolation(
  isolation: Isolation,
  limits: SandboxLimits,
  cgroups: SandboxCgroups | null,
): Isolation & { limits: LimitsReport } {
  const rlimitProcesses = processScope(isolation, limits);
  const cgroupDirs = new Map<string, string[]>();
  const wrap = (launch: Launch, sandboxId: string): Launch => {
    if (cgroups && !cgroupDirs.has(sandboxId)) cgroupDirs.set(sandboxId, cgroups.dirsFor(sandboxId, limits));
    // With a pids cgroup per sandbox, RLIMIT_NPROC (shared by every sandbox of the uid) is left off.
    const processes = cgroups ? null : rlimitProcesses.nproc();
    const settings = [
      ...(processes === null ? [] : [`-u ${processes}`]),
      `-v ${Math.floor(limits.memoryBytes / 1024)}`,
      // bash counts -f in 1024-byte blocks.
      `-f ${Math.floor(limits.fileSizeBytes / 1024)}`,
      `-n ${limits.openFiles}`,
      `-t ${limits.cpuSeconds}`,
    ];
    let command = [launch.file, ...launch.args];
    let bwrapOptions: string[] = [];
    if (isolation.mode === "bwrap") {
      const end = launch.args.indexOf("--");
      bwrapOptions = ["--disable-userns", ...launch.args.slice(0, end)];
      command = [launch.file, ...launch.args.slice(end + 1)];
    }
    // Joining a cgroup needs root: the wrapper starts as root and drops to the sandbox uid itself.
    const dropTo =
      cgroups && launch.uid !== undefined
        ? ["setpriv", `--reuid=${launch.uid}`, `--regid=${launch.gid ?? launch.uid}`, "--clear-groups", "--"]
        : [];
    const { uid, gid, ...rest } = launch;
    return {
      ...rest,
      ...(dropTo.length ? {} : { uid, gid }),
      file: "/bin/bash",
      args: [
        "-c",
        wrapperScript,
        "sandbox-limits",
        ...counted(cgroupDirs.get(sandboxId) ?? []),
        ...counted(settings),
        ...counted(dropTo),
        ...counted(bwrapOptions),
        ...command,
      ],
    };
  };
  return {
    ...isolation,
    launch: (dirs, sandboxId, ...args) => wrap(isolation.launch(dirs, sandboxId, ...args), sandboxId),
    cgroupDirsFor: (sandboxId) => cgroupDirs.get(sandboxId) ?? [],
    limits: {
      ...limits,
      enforced_by: cgroups ? `cgroup v${cgroups.version} + rlimit` : "rlimit",
      processes_scope: cgroups ? "per sandbox (pids cgroup)" : rlimitProcesses.scope,
      memory_scope: cgroups ? "per sandbox (memory cgroup), and address space per process" : "address space per process",
      disk_scope:
        isolation.mode === "bwrap"
          ? "per sandbox: its home, cold folder and /tmp (no file may grow past what is left; a command still writing past the quota is stopped within 250 ms)"
          : "per sandbox: its home and cold folder, not the host's /tmp it shares (no file may grow past what is left; a command still writing past the quota is stopped within 250 ms)",
    },
  };
}

export function describeLimits(limits: LimitsReport): string {
  const size = (bytes: number) => (bytes % 1024 ** 3 === 0 ? `${bytes / 1024 ** 3} GiB` : `${Math.round(bytes / mib)} MiB`);
  return `limits (${limits.enforced_by}): ${limits.processes} processes (${limits.processes_scope}), ${size(limits.memoryBytes)} memory (${limits.memory_scope}), ${size(limits.fileSizeBytes)} files, ${limits.openFiles} open files, ${limits.cpuSeconds} s CPU per process, ${size(limits.diskBytes)} disk per sandbox`;
}
