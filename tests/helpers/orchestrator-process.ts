import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import path from "node:path";

export interface OrchestratorProcessOptions {
  port: number;
  apiKey: string;
  supabaseUrl: string;
  supabaseSecretKey: string;
  dataDir: string;
  /** ORCHESTRATOR_* variables of main.ts (step delay, isolation, expiry…). */
  env?: Record<string, string>;
  /** Its output is appended here. */
  logFile: string;
  /** Also gets each line of its output (the e2e stack prints them). */
  echo?: (line: string) => void;
}

/**
 * The local orchestrator in a process of its own (`local-stack/orchestrator/main.ts`), as it runs
 * beside the app: a test can SIGKILL it mid-request and start it again on the same port and data
 * dir, where it reconciles what the killed run left.
 */
export class OrchestratorProcess {
  readonly url: string;
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;

  constructor(private readonly options: OrchestratorProcessOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
    this.log = createWriteStream(options.logFile, { flags: "a" });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts it (a no-op while it runs); resolves once /health answers, after its reconcile. */
  async start(): Promise<{ isolation: "bwrap" | "none" }> {
    if (!this.child) {
      const child = spawn(process.execPath, ["--import", "tsx", path.resolve("local-stack/orchestrator/main.ts")], {
        env: {
          ...process.env,
          ...this.options.env,
          ORCHESTRATOR_PORT: String(this.options.port),
          MATRX_ORCHESTRATOR_API_KEY: this.options.apiKey,
          SUPABASE_URL: this.options.supabaseUrl,
          SUPABASE_SECRET_KEY: this.options.supabaseSecretKey,
          ORCHESTRATOR_DATA_DIR: this.options.dataDir,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.pipe(this.log, { end: false });
      child.stderr!.pipe(this.log, { end: false });
      const echo = this.options.echo;
      if (echo) {
        for (const stream of [child.stdout!, child.stderr!]) {
          stream.setEncoding("utf8");
          stream.on("data", (text: string) => text.split("\n").forEach((line) => line && echo(line)));
        }
      }
      child.once("exit", () => {
        if (this.child === child) this.child = null;
      });
      this.child = child;
    }
    const child: ChildProcess = this.child;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the orchestrator exited at start (${child.exitCode ?? child.signalCode}); see ${this.options.logFile}`);
      }
      const health = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2_000) })
        .then((answer) => (answer.ok ? (answer.json() as Promise<{ isolation: "bwrap" | "none" }>) : null))
        .catch(() => null);
      if (health) return { isolation: health.isolation };
      if (Date.now() > deadline) throw new Error(`the orchestrator did not answer within 60 s; see ${this.options.logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGKILL: no shutdown, no last save; resolves once the process is gone. */
  async kill(): Promise<void> {
    await this.end("SIGKILL");
  }

  /** SIGTERM (it stops its sandboxes), then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const stopped = this.end("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), 10_000);
    await stopped;
    clearTimeout(timer);
    this.log.end();
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await gone;
    this.child = null;
  }
}
