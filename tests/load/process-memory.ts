import { readdirSync, readFileSync } from "node:fs";

/** Resident memory (MiB) of every process in the group `pgid` (a started child and whatever it spawned). */
export function groupRssMiB(pgid: number): number {
  let kib = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces), from ")": state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      kib += rss ? Number(rss[1]) : 0;
    } catch {
      // exited meanwhile
    }
  }
  return Math.round(kib / 1024);
}

/** Processes whose command line mentions `needle` (a sandbox data folder): sandboxes still running. */
export function processesMentioning(needle: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      if (args.includes(needle)) found.push(`${entry} ${args.slice(0, 160)}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}
