// The process holding each running sandbox (its supervisor, or bubblewrap) is noted on disk, so that
// after a crash the next start can kill what is left (jails die with their parent through
// bubblewrap's --die-with-parent; unjailed process trees do not).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findSandboxProcesses, killSandboxProcesses } from "./sandbox-processes.ts";

const groupsDir = (sandboxRoot: string) => path.join(sandboxRoot, "process-groups");

/** Field 22 of /proc/<pid>/stat: start time in clock ticks, which tells a reused pid apart. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

export function noteProcessGroup(sandboxRoot: string, pid: number) {
  const started = startTime(pid);
  if (started === null) return;
  mkdirSync(groupsDir(sandboxRoot), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(groupsDir(sandboxRoot), String(pid)), started);
}

export function forgetProcessGroup(sandboxRoot: string, pid: number) {
  rmSync(path.join(groupsDir(sandboxRoot), String(pid)), { force: true });
}

/**
 * Kills what a previous run left of a sandbox: the session its holder led (while any process is in
 * it, the kernel does not give that pid to another process) and the processes tagged with its id.
 * Returns how many processes were found.
 */
export function killLeftoverGroups(sandboxRoot: string, sandboxId: string): number {
  let entries: string[] = [];
  try {
    entries = readdirSync(groupsDir(sandboxRoot));
  } catch {
    return 0;
  }
  let killed = 0;
  for (const name of entries) {
    const pid = Number(name);
    const noted = readFileSync(path.join(groupsDir(sandboxRoot), name), "utf8");
    const started = startTime(pid);
    // A live process with that pid but another start time is someone else's.
    if (Number.isInteger(pid) && pid > 1 && (started === null || started === noted)) {
      const marks = { session: pid, tag: sandboxId };
      killed += findSandboxProcesses(marks).length;
      killSandboxProcesses(marks);
    }
    forgetProcessGroup(sandboxRoot, pid);
  }
  return killed;
}
