/** One process of a sandbox, as its `ps` lists it. */
export interface SandboxProcess {
  pid: number;
  ppid: number;
  user: string;
  /** ps's %CPU: CPU time over the process's whole life, not this instant. */
  cpuPercent: number;
  /** Resident memory, bytes. */
  memoryBytes: number;
  elapsedSeconds: number;
  command: string;
  /** The dashboard's own: the exec that listed them (its shells, `timeout`, `ps`) and what runs it. */
  dashboard: boolean;
}

export interface ProcessListResponse {
  processes: SandboxProcess[];
}

/** A sample of what the sandbox uses; CPU is a running counter, so a percentage needs two samples. */
export interface SandboxUsage {
  /** Seconds on the sandbox's clock (/proc/uptime), for the time between two samples. */
  sampledAt: number;
  cpu: {
    /** CPU time used so far, microseconds (the sandbox's cgroup, else the whole machine's). */
    usageMicros: number;
    /** CPUs it may use: its cgroup's quota, else how many it sees. */
    limit: number;
    source: "cgroup" | "machine";
  };
  memory: { usedBytes: number; limitBytes: number; source: "cgroup" | "machine" } | null;
  /** The file system of the sandbox's home. */
  disk: { usedBytes: number; limitBytes: number; path: string } | null;
}

export const processSignals = ["TERM", "KILL"] as const;
export type ProcessSignal = (typeof processSignals)[number];

/** What a signal did: `exited` it is gone (or a zombie) within a second, `running` it survived. */
export interface SignalResult {
  pid: number;
  signal: ProcessSignal;
  outcome: "exited" | "running";
}
