import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import WebSocket from "ws";
import { freePort } from "../helpers/free-port.ts";
import { canReadSockets, isLoopbackAddress, listeningAddresses, processTree } from "../helpers/listening-sockets.ts";

const stateDir = mkdtempSync(path.join(tmpdir(), "run-command-"));
// Jailed sandbox commands run as an unprivileged uid that must reach the sandboxes below.
chmodSync(stateDir, 0o755);
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, probe: () => boolean | Promise<boolean>, deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** This machine's addresses other than loopback (link-local IPv6 needs a scope, so it is left out). */
const externalAddresses = () =>
  Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !entry.address.startsWith("fe80:"))
    .map((entry) => (entry.family === "IPv6" ? `[${entry.address}]` : entry.address));

/** Whether next dev lets a page at `origin` open its dev-reload socket (it answers others with a bare "Unauthorized"). */
function devSocketOpens(appPort: number, origin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${appPort}/_next/hmr`, { origin });
    socket.on("open", () => {
      resolve(true);
      socket.terminate();
    });
    socket.on("unexpected-response", () => resolve(false));
    socket.on("error", () => resolve(false));
  });
}

describe("npm run local", () => {
  it("starts everything, prints the URL and the demo credentials, serves the app, and Ctrl+C stops every process", async () => {
    const [appPort, supabasePort, orchestratorPort] = [await freePort(), await freePort(), await freePort()];
    let output = "";
    // The default: no HOST, so everything must stay on loopback.
    const { HOST: _host, ...withoutHost } = process.env;
    // What `npm run local` runs, minus npm.
    const child = spawn(process.execPath, ["--import", "tsx", "local-stack/cli/dev.ts"], {
      env: {
        ...withoutHost,
        PORT: String(appPort),
        LOCAL_SUPABASE_PORT: String(supabasePort),
        ORCHESTRATOR_PORT: String(orchestratorPort),
        LOCAL_STACK_DIR: stateDir,
        LOCAL_STACK_ENV_FILE: path.join(stateDir, ".env.local"),
        NEXT_DIST_DIR: ".next/run-command-test",
        NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json",
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    // A failed or timed-out run must not leave the stack running.
    onTestFinished(() => {
      if (groupAlive(child.pid!)) process.kill(-child.pid!, "SIGKILL");
    });

    await waitFor("the banner", () => output.includes("Ctrl+C stops everything"), 60_000);
    expect(output).toContain(`App:             http://localhost:${appPort}`);
    expect(output).toContain("alice@example.com / alice-password");
    expect(output).toContain(`http://127.0.0.1:${supabasePort}`);
    expect(readFileSync(path.join(stateDir, ".env.local"), "utf8")).toContain(
      `MATRX_ORCHESTRATOR_URL=http://127.0.0.1:${orchestratorPort}`,
    );

    const login = await (async () => {
      await waitFor("the app", async () => (await fetch(`http://127.0.0.1:${appPort}/login`).catch(() => null))?.ok ?? false, 90_000);
      return fetch(`http://127.0.0.1:${appPort}/login`).then((r) => r.text());
    })();
    expect(login).toContain("Sign in");
    const health = await fetch(`http://127.0.0.1:${orchestratorPort}/health`).then((r) => r.json());
    expect(health.status).toBe("healthy");
    expect(output).not.toContain("WARNING: HOST=");

    // Every server it started listens on loopback only (next dev's default is every interface).
    if (canReadSockets) {
      const listening = listeningAddresses(processTree(child.pid!));
      for (const port of [appPort, supabasePort, orchestratorPort]) {
        expect(
          listening.some((address) => address.endsWith(`:${port}`)),
          listening.join(" "),
        ).toBe(true);
      }
      expect(listening.filter((address) => !isLoopbackAddress(address))).toEqual([]);
    }
    for (const address of externalAddresses()) {
      for (const port of [appPort, supabasePort, orchestratorPort]) {
        await expect(fetch(`http://${address}:${port}/`), `${address}:${port}`).rejects.toThrow();
      }
    }

    // A page opened at either loopback name may use the dev-reload socket; without it, it reloads forever.
    expect(await devSocketOpens(appPort, `http://localhost:${appPort}`)).toBe(true);
    expect(await devSocketOpens(appPort, `http://127.0.0.1:${appPort}`)).toBe(true);
    expect(await devSocketOpens(appPort, "http://evil.example")).toBe(false);

    process.kill(-child.pid!, "SIGINT");
    const code = await exited;
    expect(code, output.slice(-2000)).toBe(0);
    await waitFor("every process of the group to end", () => !groupAlive(child.pid!), 15_000);
    for (const port of [appPort, supabasePort, orchestratorPort]) {
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    }
  }, 180_000);
});
