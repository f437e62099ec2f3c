import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { freePort } from "../helpers/free-port.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "orchestrator-main-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("local-stack/orchestrator/main.ts", () => {
  it("starts from environment variables, fault knobs included, and stops on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "local-stack/orchestrator/main.ts"], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "test",
        ...(process.env.ORCHESTRATOR_ISOLATION ? { ORCHESTRATOR_ISOLATION: process.env.ORCHESTRATOR_ISOLATION } : {}),
        ORCHESTRATOR_PORT: String(port),
        ORCHESTRATOR_DATA_DIR: dataDir,
        MATRX_ORCHESTRATOR_API_KEY: "main-env-key",
        ORCHESTRATOR_FAULT_ERROR_RATE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    // A failed run must not leave it listening.
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const deadline = Date.now() + 20_000;
    while (!output.includes("listening on")) {
      if (Date.now() > deadline) throw new Error(`did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toContain(`http://127.0.0.1:${port}`);

    const answer = await fetch(`http://127.0.0.1:${port}/sandboxes`, { headers: { "X-API-Key": "main-env-key" } });
    expect(answer.status).toBe(500);
    expect((await fetch(`http://127.0.0.1:${port}/__faults`)).status).toBe(401);
    const faults = await fetch(`http://127.0.0.1:${port}/__faults`, { headers: { "X-API-Key": "main-env-key" } }).then((r) => r.json());
    expect(faults).toMatchObject({ error_rate: 1, refuse: false });
    const reset = await fetch(`http://127.0.0.1:${port}/__faults`, {
      method: "POST",
      headers: { "X-API-Key": "main-env-key", "Content-Type": "application/json" },
      body: JSON.stringify({ reset: true }),
    });
    expect(reset.status).toBe(200);
    const healthy = await fetch(`http://127.0.0.1:${port}/sandboxes`, { headers: { "X-API-Key": "main-env-key" } });
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ sandboxes: [], total: 0 });
    const { isolation } = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json());
    if (process.env.ORCHESTRATOR_ISOLATION === "none") expect(isolation).toBe("none");
    // Unjailed, the log says so loudly.
    if (isolation === "bwrap") expect(output).toMatch(/isolation: bwrap \(/);
    else expect(output).toMatch(/isolation: NONE, sandboxes are NOT isolated/);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 40_000);
});
