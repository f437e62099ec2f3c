import { randomBytes } from "node:crypto";
import { chownSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpError, notFound } from "./errors.ts";
import { execInSandbox, type ExecResponse } from "./exec-command.ts";
import type { Isolation } from "./isolation.ts";
import { forgetProcessGroup, killLeftoverGroups, noteProcessGroup } from "./leftover-processes.ts";
import type { ResolvedOptions } from "./options.ts";
import { terminalStatuses, type Registry, type SandboxStatus, type StopReason, type StoredRow } from "./registry.ts";
import { shlexQuote } from "./production-exec.ts";
import { Sandbox, type SandboxView } from "./sandbox.ts";
import { SandboxContainer } from "./sandbox-container.ts";
import type { HostCommands } from "./host-commands.ts";
import { SandboxSsh, type AccessGrant } from "./ssh-access.ts";
import { sandboxDirs, sandboxIdPattern, sandboxPaths } from "./sandbox-paths.ts";
import type { CreateSandboxBody, ExecBody } from "./validation.ts";

/** Postgres text timestamps ("2026-01-02 03:04:05.6+00") as well as ISO ones. */
const parseTimestamp = (text: string) => new Date(text.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));

type Settings = Pick<
  ResolvedOptions,
  "dataDir" | "stepDelayMs" | "outputCapBytes" | "defaultTtlSeconds" | "retentionSeconds" | "log" | "faults" | "expireSandboxes" | "limits"
>;

/** Sandboxes' SSH servers listen on loopback only, whatever host the orchestrator serves on. */
const sshHost = "127.0.0.1";

export class SandboxManager {
  private readonly sandboxes = new Map<string, Sandbox>();

  constructor(
    private readonly settings: Settings,
    private readonly isolation: Isolation,
    private readonly registry: Registry,
    private readonly commands: HostCommands,
  ) {}

  get activeCount() {
    return [...this.sandboxes.values()].filter((s) => s.active).length;
  }

  list(userId?: string): SandboxView[] {
    return [...this.sandboxes.values()].filter((s) => !userId || s.userId === userId).map((s) => s.view());
  }

  get(sandboxId: string): Sandbox {
    const sandbox = this.sandboxes.get(sandboxId);
    if (!sandbox) throw notFound(sandboxId);
    return sandbox;
  }

  async create(body: CreateSandboxBody): Promise<SandboxView> {
    const id = `sbx-${randomBytes(6).toString("hex")}`;
    const dirs = sandboxDirs(this.settings.dataDir, id);
    const sandbox = new Sandbox(
      id,
      body.user_id,
      body.config,
      this.ttlFrom(body.config),
      new Date(),
      dirs,
      sandboxPaths(this.isolation.mode, dirs),
    );
    this.sandboxes.set(id, sandbox);
    await sandbox.lifecycle.run(async () => {
      try {
        await this.save(sandbox);
      } catch (error) {
        this.sandboxes.delete(id);
        throw new HttpError(500, `Failed to create sandbox: ${(error as Error).message}`);
      }
      sandbox.registered = true;
      await sleep(this.settings.stepDelayMs);
      const problem = this.makeDirs(sandbox);
      sandbox.containerId = `${this.isolation.mode === "bwrap" ? "jail" : "pgroup"}-${id}`;
      await this.transition(sandbox, { status: "starting" });
      await sleep(this.settings.stepDelayMs);
      const failure = problem ?? (await this.startContainer(sandbox));
      if (failure) {
        this.settings.log(`sandbox ${id} failed to start: ${failure}`);
        await this.killAll(sandbox);
        await this.transition(sandbox, { status: "failed", stoppedAt: new Date(), stopReason: "error" });
      } else {
        await this.transition(sandbox, { status: "ready" });
      }
    });
    return sandbox.view();
  }

  /**
   * A new SSH key for the sandbox, as production's /access: production adds the key with an exec
   * in the container, so a sandbox with no container is a 400 and one not running a 500.
   */
  async access(sandboxId: string): Promise<AccessGrant & { ssh_command: string }> {
    const sandbox = this.get(sandboxId);
    if (!sandbox.containerId) throw new HttpError(400, `Sandbox ${sandboxId} not found or has no container`);
    if (!sandbox.canRun || !sandbox.container) {
      throw new HttpError(500, `Failed to generate access: Container for sandbox ${sandboxId} is not running (status: ${sandbox.status})`);
    }
    sandbox.ssh ??= await SandboxSsh.start(() => sandbox.container, sshHost, this.settings.log, sandbox.id);
    const grant = sandbox.ssh.grant(sshHost);
    return {
      ...grant,
      ssh_command: `ssh -i /tmp/${sandboxId}.pem -o StrictHostKeyChecking=no -p ${grant.port} ${grant.username}@${grant.host}`,
    };
  }

  async exec(sandboxId: string, body: ExecBody, signal?: AbortSignal): Promise<ExecResponse> {
    const sandbox = this.get(sandboxId);
    const user = body.user;
    if (!this.isolation.supportsUser(user)) {
      throw new HttpError(400, `User '${user}' is not available in local sandboxes (isolation: ${this.isolation.mode})`);
    }
    const check = () => {
      if (!sandbox.containerId) throw new HttpError(400, `Sandbox ${sandboxId} has no container`);
      if (!sandbox.canRun) throw new HttpError(500, `Container for sandbox ${sandboxId} is not running (status: ${sandbox.status})`);
    };
    check();
    if (signal?.aborted) throw new HttpError(499, "Client closed the request");
    // Execs of one sandbox run side by side, as production's code would if its exec did not block
    // the whole service (no per-sandbox lock there either): a file listing must not wait behind a
    // long terminal command. Serial mode (faults.serial) is production as it runs today.
    return execInSandbox(
      sandbox,
      this.isolation,
      { ...body, user },
      {
        outputCapBytes: this.settings.outputCapBytes,
        timeoutMode: this.settings.faults.exec_timeout,
        signal,
        disk: { quotaBytes: this.settings.limits.diskBytes, maxFileBytes: this.settings.limits.fileSizeBytes, commands: this.commands },
      },
    );
  }

  async destroy(sandboxId: string, graceful: boolean): Promise<void> {
    const sandbox = this.get(sandboxId);
    await this.stop(sandbox, { status: "stopped", reason: "user_requested", graceful, throwOnFailure: true });
  }

  async heartbeat(sandboxId: string): Promise<void> {
    this.get(sandboxId);
    await this.registry.update(sandboxId, { last_heartbeat_at: new Date().toISOString() }).catch((e: Error) => {
      throw new HttpError(500, `Failed to record heartbeat: ${e.message}`);
    });
  }

  /** The sandbox reports it finished (complete) or failed (error): it shuts down in the background. */
  async finish(sandboxId: string, reason: StopReason, message?: string): Promise<void> {
    const sandbox = this.get(sandboxId);
    if (message) this.settings.log(`sandbox ${sandboxId} reported an error: ${message}`);
    if (!sandbox.active) return;
    await sandbox.lifecycle.run(() => this.transition(sandbox, { status: "shutting_down" }));
    void this.stop(sandbox, { status: "stopped", reason, graceful: true, throwOnFailure: false });
  }

  /** Expiry, retention of files, and rows deleted from the registry. */
  async sweep(): Promise<void> {
    const all = [...this.sandboxes.values()];
    const expired = this.settings.expireSandboxes
      ? await this.registry.expiredAmong(all.filter((s) => s.active && s.registered).map((s) => s.id))
      : [];
    await Promise.all(
      expired.map((id) => this.stop(this.get(id), { status: "expired", reason: "expired", graceful: false, throwOnFailure: false })),
    );
    const cutoff = Date.now() - this.settings.retentionSeconds * 1000;
    for (const s of all) {
      if (!s.active && !s.filesRemoved && s.stoppedAt && s.stoppedAt.getTime() < cutoff) this.removeFiles(s);
    }
    if (!this.registry.persistent) return;
    const registered = all.filter((s) => s.registered).map((s) => s.id);
    const present = new Set((await this.registry.rowsFor(registered)).map((r) => r.sandbox_id));
    for (const id of registered.filter((id) => !present.has(id))) {
      const sandbox = this.sandboxes.get(id);
      if (!sandbox) continue;
      this.settings.log(`sandbox ${id} was deleted from the registry: removing it and its files`);
      sandbox.status = "stopped";
      await this.killAll(sandbox);
      this.removeFiles(sandbox);
      this.sandboxes.delete(id);
    }
  }

  /**
   * At start: rows a previous run left active (or shutting down) have lost their processes, so they are stopped.
   * Only sandboxes with a folder in this data dir are this orchestrator's: rows of any other
   * (another orchestrator's, a real project's) are left alone.
   * Sandboxes with files on disk are known again (cwd is lost, as in production).
   */
  async reconcile(): Promise<void> {
    const onDisk = readdirSync(this.settings.dataDir).filter((name) => sandboxIdPattern.test(name));
    for (const id of onDisk) {
      const killed = killLeftoverGroups(sandboxDirs(this.settings.dataDir, id).root, id);
      if (killed > 0) this.settings.log(`killed ${killed} process(es) left running in ${id} by a previous run`);
    }
    if (!this.registry.persistent) return;
    const stoppedAt = new Date().toISOString();
    const rows = new Map((await this.registry.rowsFor(onDisk)).map((r) => [r.sandbox_id, r]));
    for (const row of rows.values()) {
      // shutting_down too: a run killed in the middle of a stop never wrote the stopped row.
      if (terminalStatuses.includes(row.status)) continue;
      const was = row.status;
      await this.registry.update(row.sandbox_id, { status: "stopped", stopped_at: stoppedAt, stop_reason: "error" });
      Object.assign(row, { status: "stopped", stopped_at: stoppedAt, stop_reason: "error" });
      this.settings.log(`reconciled ${row.sandbox_id}: was ${was} but its processes are gone, now stopped`);
    }
    for (const id of onDisk) {
      const row = rows.get(id);
      if (row) this.sandboxes.set(id, this.restored(row));
      else rmSync(sandboxDirs(this.settings.dataDir, id).root, { recursive: true, force: true });
    }
  }

  /** Orchestrator shutdown: everything still active is stopped, and no exec outlives it. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.sandboxes.values()]
        .filter((s) => s.active)
        .map((s) => this.stop(s, { status: "stopped", reason: "graceful_shutdown", graceful: false, throwOnFailure: false })),
    );
    for (const sandbox of this.sandboxes.values()) {
      await this.killAll(sandbox);
      const killed = killLeftoverGroups(sandbox.dirs.root, sandbox.id);
      if (killed > 0) this.settings.log(`killed ${killed} untracked process(es) of ${sandbox.id} at shutdown`);
    }
  }

  private async stop(
    sandbox: Sandbox,
    how: { status: "stopped" | "expired"; reason: StopReason; graceful: boolean; throwOnFailure: boolean },
  ): Promise<void> {
    await sandbox.lifecycle.run(async () => {
      if (terminalStatuses.includes(sandbox.status)) return;
      try {
        if (how.status === "stopped" && sandbox.status !== "shutting_down") {
          await this.transition(sandbox, { status: "shutting_down" });
        }
        if (how.graceful) await sleep(this.settings.stepDelayMs);
        await this.killAll(sandbox);
        await this.transition(sandbox, { status: how.status, stoppedAt: new Date(), stopReason: how.reason });
      } catch (error) {
        await this.killAll(sandbox);
        this.settings.log(`stopping ${sandbox.id} failed: ${(error as Error).message}`);
        if (how.throwOnFailure) throw new HttpError(500, `Failed to destroy sandbox ${sandbox.id}: ${(error as Error).message}`);
      }
    });
  }

  /**
   * Changes the status in memory, then saves the whole row, one sandbox at a time: the production
   * service upserts every column it holds (config included) on each status change.
   */
  private async transition(sandbox: Sandbox, change: { status: SandboxStatus; stoppedAt?: Date; stopReason?: StopReason }) {
    sandbox.status = change.status;
    if (change.stoppedAt) sandbox.stoppedAt = change.stoppedAt;
    if (change.stopReason) sandbox.stopReason = change.stopReason;
    await this.save(sandbox);
  }

  private async save(sandbox: Sandbox) {
    await this.registry.write(sandbox.row());
  }

  private ttlFrom(config: Record<string, unknown>): number {
    const ttl = config.ttl_seconds;
    return typeof ttl === "number" && Number.isInteger(ttl) && ttl > 0 ? ttl : this.settings.defaultTtlSeconds;
  }

  private makeDirs(sandbox: Sandbox): string | null {
    try {
      mkdirSync(sandbox.dirs.root, { recursive: true, mode: 0o711 });
      for (const dir of [sandbox.dirs.home, sandbox.dirs.cold, sandbox.dirs.tmp]) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const owner = this.isolation.hostUser;
        if (owner) chownSync(dir, owner.uid, owner.gid);
      }
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /**
   * Starts the sandbox's container (its long-lived process tree); it is ready when a command run
   * in it can write its home.
   */
  private async startContainer(sandbox: Sandbox): Promise<string | null> {
    try {
      sandbox.container = SandboxContainer.start(this.isolation, sandbox.dirs, sandbox.id, this.settings.log, this.commands);
    } catch (error) {
      return (error as Error).message;
    }
    if (sandbox.container.pid !== undefined) noteProcessGroup(sandbox.dirs.root, sandbox.container.pid);
    const home = this.isolation.toCommandPath(sandbox.dirs, sandbox.paths.hot);
    const result = await execInSandbox(
      sandbox,
      this.isolation,
      { command: `test -w ${shlexQuote(home)}`, timeout: 30, user: "agent", cwd: home },
      { outputCapBytes: 64 * 1024, timeoutMode: "enforce" },
    ).catch((error: Error) => ({ exit_code: -1, stderr: error.message }));
    sandbox.container?.noteNamespace();
    return result.exit_code === 0 ? null : `readiness check exited ${result.exit_code}: ${result.stderr.trim()}`;
  }

  /** Ends every process of the sandbox, and forgets its holder's pid once it is gone. */
  private async killAll(sandbox: Sandbox) {
    const pid = sandbox.container?.pid;
    await sandbox.killAll();
    if (pid !== undefined) forgetProcessGroup(sandbox.dirs.root, pid);
  }

  private removeFiles(sandbox: Sandbox) {
    rmSync(sandbox.dirs.root, { recursive: true, force: true });
    sandbox.filesRemoved = true;
  }

  private restored(row: StoredRow): Sandbox {
    const dirs = sandboxDirs(this.settings.dataDir, row.sandbox_id);
    const sandbox = new Sandbox(
      row.sandbox_id,
      row.user_id,
      row.config ?? {},
      row.ttl_seconds,
      parseTimestamp(row.created_at),
      dirs,
      sandboxPaths(this.isolation.mode, dirs),
    );
    sandbox.status = row.status;
    sandbox.containerId = row.container_id;
    sandbox.stoppedAt = row.stopped_at ? parseTimestamp(row.stopped_at) : null;
    sandbox.stopReason = row.stop_reason;
    sandbox.registered = true;
    return sandbox;
  }
}
