import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { freePort } from "./free-port.ts";
import { ensureAppBuild } from "./app-build.ts";

export interface NextApp {
  url: string;
  /** Everything the server printed (stdout and stderr) goes here. */
  logFile: string;
  stop(): Promise<void>;
}

interface NextAppOptions {
  env: Record<string, string>;
  distDir: string;
  logFile: string;
  readyPath?: string;
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

/**
 * The app as the test stacks run it: the shared production build (tests/helpers/app-build.ts) under
 * `next start`, as it ships and many times faster to answer than `next dev`; with `API_APP=dev`,
 * `next dev` in `distDir`.
 */
export async function startNextApp(options: NextAppOptions): Promise<NextApp> {
  if (process.env.API_APP === "dev") return startNext("dev", options);
  const { distDir } = await ensureAppBuild();
  return startNext("start", { ...options, distDir });
}

function nextEnv(options: NextAppOptions, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    APP_ORIGINS: `http://127.0.0.1:${port},http://localhost:${port}`,
    ...options.env,
    NEXT_DIST_DIR: options.distDir,
    NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

async function startNext(command: "dev" | "start", options: NextAppOptions): Promise<NextApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(options.logFile);
  const child: ChildProcess = spawn(process.execPath, [nextBin, command, "--port", String(port), "--hostname", "127.0.0.1"], {
    env: nextEnv(options, port),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`next ${command} exited with ${code}; see ${options.logFile}`))),
  );
  await Promise.race([waitForAnswer(`${url}${options.readyPath ?? "/login"}`), exited]);
  return {
    url,
    logFile: options.logFile,
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      child.kill("SIGKILL");
      log.end();
    },
  };
}

async function waitForAnswer(url: string, deadlineMs = 120_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${deadlineMs / 1000} s`);
}
