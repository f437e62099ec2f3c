import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { round } from "../lib/stats.ts";
import { repoRoot, startChild, waitForAnswer } from "../lib/processes.ts";

export interface StartupPorts {
  app: number;
  supabase: number;
  orchestrator: number;
}

/**
 * A fresh `git clone` of this branch's last commit with node_modules hard-linked in (standing in
 * for `npm ci`, which is not timed), then `npm run local` until /login answers 200 (the dashboard
 * redirects a visitor there); then a warm restart of the same clone.
 */
export async function benchStartup(ports: StartupPorts, logDir: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-clone-"));
  try {
    const branch = execFileSync("git", ["rev-parse", "--abbrev-ref", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const cloneStarted = performance.now();
    execFileSync("git", ["clone", "-q", "--no-hardlinks", "--branch", branch, repoRoot, dir], { stdio: "ignore" });
    const cloneMs = performance.now() - cloneStarted;
    execFileSync("cp", ["-al", path.join(repoRoot, "node_modules"), path.join(dir, "node_modules")]);

    const env = {
      ...process.env,
      PORT: String(ports.app),
      LOCAL_SUPABASE_PORT: String(ports.supabase),
      ORCHESTRATOR_PORT: String(ports.orchestrator),
      LOCAL_STACK_DIR: path.join(dir, ".local-stack"),
      DATABASE_URL: "",
    };
    const run = async (name: string) => {
      const started = performance.now();
      const child = startChild("npm", ["run", "local"], { env, cwd: dir, logFile: path.join(logDir, `startup-${name}.log`) });
      try {
        await waitForAnswer(`http://localhost:${ports.app}/login`, 300_000, child);
        const ms = performance.now() - started;
        // The first answer after the process answers at all: /dashboard as a visitor (redirect to /login).
        const dashboard = await fetch(`http://localhost:${ports.app}/dashboard`, { redirect: "manual" });
        if (dashboard.status >= 500) throw new Error(`/dashboard answered ${dashboard.status}`);
        return ms;
      } finally {
        await child.stop();
      }
    };
    const coldMs = await run("cold");
    const warmMs = await run("warm");
    return {
      clone_s: round(cloneMs / 1000),
      cold_s: round(coldMs / 1000),
      clone_plus_cold_s: round((cloneMs + coldMs) / 1000),
      warm_s: round(warmMs / 1000),
      measured: "git clone, then `npm run local` (next dev) until /login answers 200; node_modules hard-linked, npm ci not timed",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
