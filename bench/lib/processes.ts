import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a process in its own group, its output into `logFile`; `stop` ends the whole group. */
export function startChild(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string }): Child {
  const log = createWriteStream(options.logFile);
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...options.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  return {
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
      log.end();
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Lines `<WORD> {json}` on a child's stdout, handed out in order per word. */
export function taggedLines(child: Child, logFile: string) {
  const waiting = new Map<string, ((value: unknown) => void)[]>();
  const failures: ((error: Error) => void)[] = [];
  createInterface({ input: child.process.stdout! }).on("line", (line) => {
    const match = /^([A-Z]+) (.*)$/.exec(line);
    if (match) waiting.get(match[1]!)?.shift()?.(JSON.parse(match[2]!));
  });
  child.process.once("exit", (code) => failures.forEach((fail) => fail(new Error(`process exited with ${code}; see ${logFile}`))));
  return {
    next<T>(word: string): Promise<T> {
      return new Promise((resolve, reject) => {
        waiting.set(word, [...(waiting.get(word) ?? []), resolve as (value: unknown) => void]);
        failures.push(reject);
      });
    },
  };
}

export function runToEnd(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string },
): Promise<void> {
  const child = startChild(command, args, options);
  return new Promise((resolve, reject) => {
    child.process.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${code}); see ${options.logFile}`)),
    );
  });
}

/** Polls `url` until it answers below 500; resolves with the time it took. */
export async function waitForAnswer(url: string, deadlineMs: number, child?: Child): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    if (child && child.process.exitCode !== null) throw new Error(`the server exited (${child.process.exitCode}) before ${url} answered`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      if (response.status < 500) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${deadlineMs / 1000} s`);
}

/**
 * The local stack (Supabase and orchestrator) in a process of its own, as `npm run local` runs it
 * (bench/stack-server.ts), on the given ports and state folder; `DATABASE_URL` for Postgres, else PGlite.
 */
export function startStackServer(options: {
  stateDir: string;
  ports: { supabase: number; orchestrator: number };
  databaseUrl: string | undefined;
  logFile: string;
  nodeArgs?: string[];
}): Child {
  return startChild(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", path.join(repoRoot, "bench", "stack-server.ts")], {
    env: {
      ...process.env,
      BENCH_STATE_DIR: options.stateDir,
      BENCH_SUPABASE_PORT: String(options.ports.supabase),
      BENCH_ORCHESTRATOR_PORT: String(options.ports.orchestrator),
      DATABASE_URL: options.databaseUrl ?? "",
    },
    logFile: options.logFile,
  });
}
