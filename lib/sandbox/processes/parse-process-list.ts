import type { SandboxProcess } from "./types";

const line = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s?(.*)$/;

/**
 * Reads `processListCommand`'s output. The exec's own processes are marked `dashboard`: the shell
 * that ran `ps` (ps itself, after `exec`), its children and its ancestors up to, not including, the
 * sandbox's first process (pid 1) or a parent outside the sandbox (ppid 0: `docker exec`).
 * Returns null when the output is not a listing (no `ps` in the sandbox, say).
 */
export function parseProcessList(stdout: string): SandboxProcess[] | null {
  const lines = stdout.split("\n");
  const self = /^self (\d+)$/.exec(lines[0] ?? "");
  if (!self) return null;
  const processes: SandboxProcess[] = [];
  for (const text of lines.slice(1)) {
    const match = line.exec(text);
    if (!match) continue;
    processes.push({
      pid: Number(match[1]),
      ppid: Number(match[2]),
      user: match[3]!,
      cpuPercent: Number(match[4]),
      memoryBytes: Number(match[5]) * 1024,
      elapsedSeconds: Number(match[6]),
      command: match[7]!,
      dashboard: false,
    });
  }
  if (processes.length === 0) return null;
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const selfPid = Number(self[1]);
  for (const p of processes) if (p.ppid === selfPid) p.dashboard = true;
  const seen = new Set<number>();
  for (let pid = selfPid; pid > 1 && !seen.has(pid);) {
    seen.add(pid);
    const p = byPid.get(pid);
    if (!p) break;
    p.dashboard = true;
    pid = p.ppid;
  }
  return processes;
}
