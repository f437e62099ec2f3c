import type { SandboxUsage } from "./types";

/** Reads `usageCommand`'s output; null when it is not one (no /proc/uptime: not Linux). */
export function parseUsage(stdout: string): SandboxUsage | null {
  const fields = new Map<string, string[]>();
  for (const line of stdout.split("\n")) {
    const [key, ...values] = line.trim().split(/\s+/);
    if (key) fields.set(key, values);
  }
  const num = (key: string, index = 0) => {
    const value = Number(fields.get(key)?.[index]);
    return Number.isFinite(value) ? value : null;
  };
  const sampledAt = num("uptime");
  if (sampledAt === null) return null;

  const cpus = Math.max(1, num("cpus") ?? 1);
  const quota = num("cgroup_cpu_max", 0);
  const period = num("cgroup_cpu_max", 1);
  const cgroupCpu = num("cgroup_cpu_usec");
  const ticks = num("machine_cpu_ticks", 0);
  const hz = num("machine_cpu_ticks", 1) || 100;
  const cpu: SandboxUsage["cpu"] =
    cgroupCpu !== null
      ? { usageMicros: cgroupCpu, limit: quota && period ? Math.min(cpus, quota / period) : cpus, source: "cgroup" }
      : { usageMicros: ((ticks ?? 0) * 1_000_000) / hz, limit: cpus, source: "machine" };

  const memTotal = num("MemTotal");
  const memAvailable = num("MemAvailable");
  const cgroupMemory = num("cgroup_memory_current");
  const cgroupMemoryMax = num("cgroup_memory_max");
  const machineMemory = memTotal !== null ? memTotal * 1024 : null;
  const memory: SandboxUsage["memory"] =
    cgroupMemory !== null && (cgroupMemoryMax !== null || machineMemory !== null)
      ? { usedBytes: cgroupMemory, limitBytes: Math.min(cgroupMemoryMax ?? Infinity, machineMemory ?? Infinity), source: "cgroup" }
      : memTotal !== null && memAvailable !== null
        ? { usedBytes: (memTotal - memAvailable) * 1024, limitBytes: memTotal * 1024, source: "machine" }
        : null;

  const disk = fields.get("disk");
  const diskSize = num("disk", 0);
  const diskUsed = num("disk", 1);
  return {
    sampledAt,
    cpu,
    memory,
    disk:
      disk && diskSize !== null && diskUsed !== null
        ? { usedBytes: diskUsed * 1024, limitBytes: diskSize * 1024, path: disk.slice(2).join(" ") }
        : null,
  };
}

/** CPU use between two samples, as a share (0..1) of what the sandbox may use. */
export function cpuShare(previous: SandboxUsage, next: SandboxUsage): number | null {
  const seconds = next.sampledAt - previous.sampledAt;
  if (seconds <= 0 || previous.cpu.source !== next.cpu.source) return null;
  const used = (next.cpu.usageMicros - previous.cpu.usageMicros) / 1_000_000;
  return Math.min(1, Math.max(0, used / seconds / next.cpu.limit));
}
