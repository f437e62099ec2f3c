import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Runs the real `next dev` / `next start` on a throwaway project holding this repo's
 * next.config.ts and env modules, so no developer's .env.local or running server interferes.
 */
const repo = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(repo, "node_modules/next/dist/bin/next");
let project: string;

const validEnv = {
  NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:54321",
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_test",
  SUPABASE_SECRET_KEY: "sb_secret_test",
  MATRX_ORCHESTRATOR_URL: "http://127.0.0.1:8000",
  MATRX_ORCHESTRATOR_API_KEY: "test-key",
  APP_ORIGINS: "http://localhost:3000",
};

function runNext(command: "dev" | "start", env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [nextBin, command, "--port", "0"], {
      cwd: project,
      // Built from scratch: nothing of the test runner's own environment leaks in.
      env: {
        PATH: process.env.PATH ?? "",
        HOME: project,
        NODE_ENV: command === "dev" ? "development" : "production",
        NEXT_TELEMETRY_DISABLED: "1",
        ...env,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), "matrx-env-"));
  await mkdir(path.join(project, "lib/http"), { recursive: true });
  await mkdir(path.join(project, "lib/api"));
  await mkdir(path.join(project, "lib/sandbox"));
  for (const file of [
    "next.config.ts",
    "lib/env.ts",
    "lib/exit-on-invalid-env.ts",
    "lib/http/app-origins.ts",
    "lib/http/raw-request-guard.ts",
    "lib/api/errors.ts",
    "lib/sandbox/request-limits.ts",
  ]) {
    await copyFile(path.join(repo, file), path.join(project, file));
  }
  await symlink(path.join(repo, "node_modules"), path.join(project, "node_modules"), "dir");
  await writeFile(path.join(project, "package.json"), '{ "type": "module" }\n');
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe("a bad environment stops the server at start", () => {
  const badEnv = { ...validEnv, SUPABASE_SECRET_KEY: "", MATRX_ORCHESTRATOR_URL: "orchestrator.internal:8000" };

  it.each(["dev", "start"] as const)(
    "next %s exits non-zero naming each bad variable",
    async (command) => {
      const { code, output } = await runNext(command, badEnv);
      expect(code).not.toBe(0);
      expect(code).not.toBeNull(); // null would mean it kept running until killed
      expect(output).toContain("SUPABASE_SECRET_KEY is missing");
      expect(output).toContain("MATRX_ORCHESTRATOR_URL must be an http:// or https:// URL");
      expect(output).not.toContain("MATRX_ORCHESTRATOR_API_KEY");
    },
    60_000,
  );

  it("reads variables from .env.local too", async () => {
    await writeFile(path.join(project, ".env.local"), "MATRX_ORCHESTRATOR_URL=http://orchestrator.internal/\n");
    const { MATRX_ORCHESTRATOR_URL: _fromFile, ...rest } = validEnv;
    try {
      const { code, output } = await runNext("dev", rest);
      expect(code).not.toBe(0);
      expect(output).toContain("MATRX_ORCHESTRATOR_URL must not end with a slash");
    } finally {
      await rm(path.join(project, ".env.local"));
    }
  }, 60_000);

  it("a valid environment passes the check (next start then only misses a build)", async () => {
    const { output } = await runNext("start", validEnv);
    expect(output).not.toContain("Invalid environment configuration");
    expect(output).toMatch(/production build/i);
  }, 60_000);
});
