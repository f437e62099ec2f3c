// Process groups of running execs are noted on disk, so that after a crash the next start can
// kill what is left (bwrap jails die with their parent; plain process groups do not).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

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

/** Kills the process groups a previous run noted and that still exist; returns how many. */
export function killLeftoverGroups(sandboxRoot: string): number {
  let killed = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync(groupsDir(sandboxRoot));
  } catch {
    return 0;
  }
  for (const name of entries) {
    const pid = Number(name);
    const noted = readFileSync(path.join(groupsDir(sandboxRoot), name), "utf8");
    if (Number.isInteger(pid) && pid > 1 && startTime(pid) === noted) {
      try {
        process.kill(-pid, "SIGKILL");
        killed++;
      } catch {
        // Gone meanwhile.
      }
    }
    forgetProcessGroup(sandboxRoot, pid);
  }
  return killed;
}
