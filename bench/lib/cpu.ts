import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/**
 * CPU time (user + system, ms) used so far by every process of the group `pgid`, from /proc.
 * Unlike wall time it hardly changes when other work shares the machine. Null off Linux.
 */
export function groupCpuMs(pgid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may contain spaces): state ppid pgrp … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** CPU ms the group used per call while `fn` made `calls` calls. */
export async function cpuPerCall<T>(
  pgid: number | undefined,
  calls: number,
  fn: () => Promise<T>,
): Promise<{ result: T; cpuMsPerCall: number | null }> {
  const before = pgid === undefined ? null : groupCpuMs(pgid);
  const result = await fn();
  const after = pgid === undefined ? null : groupCpuMs(pgid);
  return { result, cpuMsPerCall: before === null || after === null ? null : Math.round(((after - before) / calls) * 100) / 100 };
}

/** CPU time (ms) every core of the machine has been busy since boot (all but idle and iowait), and the core count. Null off Linux. */
export function machineCpuMs(): { busy: number; cores: number } | null {
  try {
    const lines = readFileSync("/proc/stat", "utf8").split("\n");
    const ticks = lines[0]!.trim().split(/\s+/).slice(1).map(Number);
    const busy = ticks.reduce((sum, n) => sum + n, 0) - ticks[3]! - (ticks[4] ?? 0);
    return { busy: (busy * 1000) / ticksPerSecond, cores: lines.filter((line) => /^cpu\d+ /.test(line)).length };
  } catch {
    return null;
  }
}
