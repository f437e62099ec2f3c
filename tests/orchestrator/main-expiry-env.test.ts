import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { freePort } from "../helpers/free-port.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "orchestrator-expiry-env-"));
// Run as root, sandbox commands run as an unprivileged uid that must pass through this folder.
chmodSync(dataDir, 0o711);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** main.ts from the environment (rows in memory, a sweep every 50 ms); resolves to its base URL. */
async function startMain(extra: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "local-stack/orchestrator/main.ts"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      ...(process.env.ORCHESTRATOR_ISOLATION ? { ORCHESTRATOR_ISOLATION: process.env.ORCHESTRATOR_ISOLATION } : {}),
      ORCHESTRATOR_PORT: String(port),
      ORCHESTRATOR_DATA_DIR: path.join(dataDir, String(port)),
      ORCHESTRATOR_STEP_DELAY_MS: "5",
      ORCHESTRATOR_SWEEP_INTERVAL_MS: "50",
      ...extra,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const deadline = Date.now() + 20_000;
  while (!output.includes("listening on")) {
    if (Date.now() > deadline) throw new Error(`did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `http://127.0.0.1:${port}`;
}

const user = "a11ce000-0000-4000-8000-000000000001";
async function oneSecondSandbox(url: string): Promise<string> {
  const created = await fetch(`${url}/sandboxes`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user_id: user, config: { ttl_seconds: 1 } }),
  }).then((r) => r.json() as Promise<{ sandbox_id: string; status: string }>);
  expect(created.status).toBe("ready");
  return created.sandbox_id;
}
const statusOf = (url: string, id: string) =>
  fetch(`${url}/sandboxes/${id}`).then((r) => r.json().then((b: { status: string }) => b.status));

describe("ORCHESTRATOR_EXPIRY", () => {
  it("=off leaves a sandbox past its lifetime running, as production does; unset, the sweep expires it", async () => {
    const [lax, strict] = await Promise.all([startMain({ ORCHESTRATOR_EXPIRY: "off" }), startMain({})]);
    const [kept, ended] = await Promise.all([oneSecondSandbox(lax), oneSecondSandbox(strict)]);
    const deadline = Date.now() + 15_000;
    while ((await statusOf(strict, ended)) !== "expired") {
      if (Date.now() > deadline) throw new Error("the default sweep did not expire the sandbox");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Both lifetimes ran out at the same time, and both orchestrators have swept many times since.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await statusOf(lax, kept)).toBe("ready");
  }, 60_000);
});
