import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** The environment variable that marks every process of an unjailed sandbox (inherited by its descendants). */
export const sandboxTagVariable = "MATRX_SANDBOX_ID";

/** What tells a sandbox's processes apart on the host; any one of them is enough. */
export interface SandboxProcessMarks {
  /** The session its supervisor leads (a process that calls setsid leaves it). */
  session?: number;
  /** `MATRX_SANDBOX_ID=<id>` in the environment (a process that empties its environment loses it). */
  tag?: string;
  /** The jail's pid namespace (`pid:[…]`): nothing inside can leave it. */
  pidNamespace?: string;
  /** The sandbox's cgroups: nothing inside can leave them. */
  cgroupDirs?: string[];
}

function stat(pid: string): { state: string; session: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0]!, session: Number(fields[3]) };
  } catch {
    return null;
  }
}

function hasTag(pid: string, entry: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(entry);
  } catch {
    return false;
  }
}

function inNamespace(pid: string, namespace: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`) === namespace;
  } catch {
    return false;
  }
}

function cgroupMembers(dirs: string[]): Set<string> {
  const members = new Set<string>();
  for (const dir of dirs) {
    try {
      for (const pid of readFileSync(`${dir}/cgroup.procs`, "utf8").split("\n")) if (pid) members.add(pid);
    } catch {
      // Removed meanwhile.
    }
  }
  return members;
}

/** Host pids of the live (not zombie) processes carrying any of the marks. */
export function findSandboxProcesses(marks: SandboxProcessMarks): number[] {
  const entry = marks.tag ? `${sandboxTagVariable}=${marks.tag}` : undefined;
  const inCgroups = marks.cgroupDirs?.length ? cgroupMembers(marks.cgroupDirs) : new Set<string>();
  const found: number[] = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const s = stat(pid);
    if (!s || s.state === "Z" || s.state === "X") continue;
    if (
      (marks.session !== undefined && s.session === marks.session) ||
      inCgroups.has(pid) ||
      (entry !== undefined && hasTag(pid, entry)) ||
      (marks.pidNamespace !== undefined && inNamespace(pid, marks.pidNamespace))
    ) {
      found.push(Number(pid));
    }
  }
  return found;
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * SIGKILLs every process carrying the marks, again and again while some still appear (a process
 * may fork between a scan and its kill). Synchronous and bounded: at most about a second.
 * Returns how many processes were still found after the last round (0 when all are gone).
 */
export function killSandboxProcesses(marks: SandboxProcessMarks): number {
  let left: number[] = [];
  for (let round = 0; round < 50; round++) {
    left = killRound(marks);
    if (left.length === 0) return 0;
    pause(round < 5 ? 2 : 20);
  }
  return left.length;
}

/**
 * killSandboxProcesses for a server that keeps serving meanwhile: the same rounds, but the pauses
 * between them (a killed process takes a moment to die, longer on a busy machine) let other
 * requests run. The synchronous one blocked the whole local stack, Supabase included, for each stop.
 */
export async function killSandboxProcessesAsync(marks: SandboxProcessMarks): Promise<number> {
  let left: number[] = [];
  for (let round = 0; round < 50; round++) {
    left = killRound(marks);
    if (left.length === 0) return 0;
    await sleep(round < 5 ? 2 : 20);
  }
  return left.length;
}

function killRound(marks: SandboxProcessMarks): number[] {
  const found = findSandboxProcesses(marks);
  for (const pid of found) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}
