import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { freePort } from "./free-port.ts";

export interface NextApp {
  url: string;
  /** Everything the server printed (stdout and stderr) goes here. */
  logFile: string;
  stop(): Promise<void>;
}

/** `next dev` in its own build folder with the given environment, ready when `readyPath` answers. */
export async function startNextDev(options: {
  env: Record<string, string>;
  distDir: string;
  logFile: string;
  readyPath?: string;
}): Promise<NextApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const log = createWriteStream(options.logFile);
  const child: ChildProcess = spawn(process.execPath, [nextBin, "dev", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      APP_ORIGINS: `${url},http://localhost:${port}`,
      ...options.env,
      NEXT_DIST_DIR: options.distDir,
      NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`next dev exited with ${code}; see ${options.logFile}`))),
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
