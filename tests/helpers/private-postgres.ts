import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port.ts";

/** Where Debian's postgresql-15 puts initdb and pg_ctl (CI installs it). */
const postgresBin = process.env.POSTGRES_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

/** Why a private cluster cannot be made here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  for (const tool of ["initdb", "pg_ctl"]) {
    if (!existsSync(path.join(postgresBin, tool))) return `${path.join(postgresBin, tool)} not found (set POSTGRES_BIN_DIR)`;
  }
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) return "running as root without a postgres user";
  return null;
}

/**
 * A Postgres cluster of its own (trust auth, loopback, a free port) in a temp dir, so a test can
 * stop and crash it without touching the shared server on 5432. As root it runs as user postgres.
 */
export class PrivatePostgres {
  readonly port: number;
  readonly url: string;
  private constructor(
    private readonly dir: string,
    port: number,
  ) {
    this.port = port;
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(path.join(tmpdir(), "private-pg-"));
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
      chownSync(dir, uid, gid);
    }
    const pg = new PrivatePostgres(dir, await freePort());
    pg.run("initdb", ["-D", pg.dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
    return pg;
  }

  private get dataDir() {
    return path.join(this.dir, "data");
  }

  private run(tool: string, args: string[]): string {
    const bin = path.join(postgresBin, tool);
    const [command, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
    const result = spawnSync(command, argv, { encoding: "utf8", cwd: this.dir });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout}`);
    return result.stdout;
  }

  /** Starts the server and waits until it accepts connections (after crash recovery, if any). */
  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    // Right after a crash the old backends may still hold shared memory for a moment.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        this.run("pg_ctl", ["-D", this.dataDir, "-l", path.join(this.dir, "log"), "-o", options, "-w", "-t", "30", "start"]);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        spawnSync("sleep", ["0.2"]);
      }
    }
  }

  /** `pg_ctl stop -m fast`: clients are disconnected, the server shuts down cleanly. */
  stopFast(): void {
    this.run("pg_ctl", ["-D", this.dataDir, "-m", "fast", "-w", "stop"]);
  }

  /** kill -9 of the postmaster: a crash; the next start runs crash recovery. */
  crash(): number {
    const pid = Number(readFileSync(path.join(this.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
    return pid;
  }

  /** Stops the server (immediate) wherever it is, and removes its files. */
  destroy(): void {
    if (existsSync(path.join(this.dataDir, "postmaster.pid"))) {
      try {
        this.run("pg_ctl", ["-D", this.dataDir, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already down (crashed): its backends end by themselves once they see the postmaster gone.
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
