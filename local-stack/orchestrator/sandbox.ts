import type { SandboxContainer } from "./sandbox-container.ts";
import type { SandboxSsh } from "./ssh-access.ts";
import { SerialQueue } from "./serial-queue.ts";
import type { SandboxDirs, SandboxPaths } from "./sandbox-paths.ts";
import { activeStatuses, type RegistryRow, type SandboxStatus, type StopReason } from "./registry.ts";

/** The contract's SandboxResponse. */
export interface SandboxView {
  sandbox_id: string;
  user_id: string;
  status: SandboxStatus;
  container_id: string | null;
  created_at: string;
  hot_path: string;
  cold_path: string;
  config: Record<string, unknown>;
  ssh_port: number | null;
  ttl_seconds: number;
}

export class Sandbox {
  status: SandboxStatus = "creating";
  containerId: string | null = null;
  /** Working directory as the sandbox sees it; kept in memory only, like production. */
  cwd: string;
  stoppedAt: Date | null = null;
  stopReason: StopReason | null = null;
  /** The registry holds a row for it (so a missing row means someone deleted it). */
  registered = false;
  filesRemoved = false;
  readonly lifecycle = new SerialQueue();
  /** Its long-lived process tree, from ready until it stops. */
  container: SandboxContainer | null = null;
  /** Its SSH server, from the first access request until it stops. */
  ssh: SandboxSsh | null = null;

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly config: Record<string, unknown>,
    readonly ttlSeconds: number,
    readonly createdAt: Date,
    readonly dirs: SandboxDirs,
    readonly paths: SandboxPaths,
  ) {
    this.cwd = paths.hot;
  }

  get active() {
    return activeStatuses.includes(this.status);
  }

  get canRun() {
    return this.status === "ready" || this.status === "running";
  }

  /** Ends every process of the sandbox; a running exec answers as killed. */
  killAll(): Promise<void> {
    // Its sessions end and its keys are forgotten before its processes are killed.
    this.ssh?.close();
    this.ssh = null;
    const container = this.container;
    this.container = null;
    return container?.destroy() ?? Promise.resolve();
  }

  /** Every column this service holds, as the production service saves it on each change. */
  row(): Required<Omit<RegistryRow, "last_heartbeat_at">> {
    return {
      sandbox_id: this.id,
      user_id: this.userId,
      status: this.status,
      container_id: this.containerId,
      hot_path: this.paths.hot,
      cold_path: this.paths.cold,
      config: this.config,
      ttl_seconds: this.ttlSeconds,
      created_at: this.createdAt.toISOString(),
      stopped_at: this.stoppedAt?.toISOString() ?? null,
      stop_reason: this.stopReason,
    };
  }

  view(): SandboxView {
    return {
      sandbox_id: this.id,
      user_id: this.userId,
      status: this.status,
      container_id: this.containerId,
      created_at: this.createdAt.toISOString(),
      hot_path: this.paths.hot,
      cold_path: this.paths.cold,
      config: this.config,
      ssh_port: this.ssh?.port ?? null,
      ttl_seconds: this.ttlSeconds,
    };
  }
}
