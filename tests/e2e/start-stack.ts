/**
 * Playwright's webServer: the full local stack on free ports (a seeded local Supabase on a
 * throw-away database, the local orchestrator writing to it) and the app pointed at both: the
 * shared production build under `next start` (tests/helpers/app-build.ts), or with E2E_APP=dev `next dev`.
 * A loopback control server lets specs stop and restart Supabase (same port, keys and data)
 * and run SQL straight against the database; its address and the keys go to E2E_STACK_FILE.
 * SIGTERM/SIGINT stop everything; if next dies, the rest is stopped too.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../../local-stack/db/database.ts";
import { generateKeys } from "../../local-stack/supabase/keys.ts";
import { startLocalSupabase, type LocalSupabase } from "../../local-stack/supabase/server.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { freePort } from "../helpers/free-port.ts";
import { OrchestratorProcess } from "../helpers/orchestrator-process.ts";
import { ensureAppBuild } from "../helpers/app-build.ts";
import { E2E_APP_PORT, E2E_STACK_FILE, type E2EStackInfo } from "./stack-config.ts";

const dev = process.env.E2E_APP === "dev";
// Built (or found built) while the stack starts.
const appBuild = dev ? null : ensureAppBuild();

const workDir = mkdtempSync(path.join(tmpdir(), "matrx-e2e-"));
// Sandbox commands run as an unprivileged uid that must be able to pass through to their folder.
chmodSync(workDir, 0o711);
// PGlite in a folder (not memory) so a restarted Supabase finds the same data; or, with
// TEST_POSTGRES_URL, a fresh database on that server.
const database = await createTestDatabase();
const databaseOptions = database.databaseUrl ? { databaseUrl: database.databaseUrl } : { dataDir: path.join(workDir, "pgdata") };
const keys = { ...(await generateKeys()), orchestratorApiKey: `orch_${randomBytes(24).toString("base64url")}` };
const sandboxActiveLimit = Number(process.env.SANDBOX_ACTIVE_LIMIT ?? 5);

let supabase: LocalSupabase | null = await startLocalSupabase({ port: 0, seed: true, keys, ...databaseOptions });
const supabasePort = supabase.port;
const supabaseUrl = supabase.url;
console.log(`[e2e] local Supabase on ${supabaseUrl}`);

// A process of its own, as beside a deployed app: the fault spec kills it (SIGKILL) mid-request and starts it again.
const orchestrator = new OrchestratorProcess({
  port: await freePort(),
  apiKey: keys.orchestratorApiKey,
  supabaseUrl,
  supabaseSecretKey: keys.secretKey,
  dataDir: path.join(workDir, "sandboxes"),
  logFile: path.join(workDir, "orchestrator.log"),
  echo: (line) => console.log(`${line}`),
  env: {
    // Slow enough that a page can show creating → starting → ready.
    ORCHESTRATOR_STEP_DELAY_MS: process.env.E2E_ORCHESTRATOR_STEP_DELAY_MS ?? "1200",
    // As in production: nothing but the dashboard's own expiry ends a sandbox past its lifetime.
    ORCHESTRATOR_EXPIRY: "off",
  },
});
const { isolation } = await orchestrator.start();
console.log(`[e2e] local orchestrator on ${orchestrator.url} (${isolation})`);

/** Runs SQL on the live database, or (Supabase stopped, PGlite) on the data folder directly. */
async function runSql(query: string, params: unknown[] = []): Promise<unknown[]> {
  if (supabase) return supabase.db.query(query, params);
  const db = await openDatabase(databaseOptions);
  try {
    return await db.query(query, params);
  } finally {
    await db.close();
  }
}

let busy: Promise<unknown> = Promise.resolve();
const control = createServer((request, response) => {
  let body = "";
  request.setEncoding("utf8");
  request.on("data", (chunk: string) => (body += chunk));
  request.on("end", () => {
    const work = async () => {
      if (request.method !== "POST") throw Object.assign(new Error("POST only"), { status: 405 });
      if (request.url === "/supabase/stop") {
        if (supabase) await supabase.stop();
        supabase = null;
        return { stopped: true };
      }
      if (request.url === "/supabase/start") {
        supabase ??= await startLocalSupabase({ port: supabasePort, seed: true, keys, ...databaseOptions });
        return { url: supabase.url };
      }
      if (request.url === "/orchestrator/kill") {
        await orchestrator.kill();
        return { killed: true };
      }
      if (request.url === "/orchestrator/start") {
        await orchestrator.start();
        return { url: orchestrator.url };
      }
      if (request.url === "/sql") {
        const { query, params } = JSON.parse(body || "{}") as { query: string; params?: unknown[] };
        return { rows: await runSql(query, params) };
      }
      throw Object.assign(new Error("not found"), { status: 404 });
    };
    // One at a time: a stop racing a start would leave two servers on one port.
    const result = (busy = busy.then(work, work));
    result.then(
      (value) => {
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(JSON.stringify(value));
      },
      (error: Error & { status?: number }) => {
        response.writeHead(error.status ?? 500, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ error: error.message }));
      },
    );
  });
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

const info: E2EStackInfo = {
  supabaseUrl,
  publishableKey: keys.publishableKey,
  secretKey: keys.secretKey,
  orchestratorUrl: orchestrator.url,
  orchestratorApiKey: keys.orchestratorApiKey,
  controlUrl,
  sandboxActiveLimit,
};
writeFileSync(E2E_STACK_FILE, JSON.stringify(info, null, 2), { mode: 0o600 });

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const distDir = dev ? ".next/e2e" : (await appBuild!).distDir;
const app = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", String(E2E_APP_PORT), "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: keys.publishableKey,
    SUPABASE_SECRET_KEY: keys.secretKey,
    MATRX_ORCHESTRATOR_URL: orchestrator.url,
    MATRX_ORCHESTRATOR_API_KEY: keys.orchestratorApiKey,
    SANDBOX_ACTIVE_LIMIT: String(sandboxActiveLimit),
    APP_ORIGINS: `http://127.0.0.1:${E2E_APP_PORT},http://localhost:${E2E_APP_PORT}`,
    // Under `next dev`, its own build folder, so a developer's `next dev` on the same tree is not disturbed.
    NEXT_DIST_DIR: distDir,
    NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

// Whatever happens to the stack, its files go with it.
process.on("exit", () => {
  rmSync(E2E_STACK_FILE, { force: true });
  rmSync(workDir, { recursive: true, force: true });
});

let stopping = false;
async function stop(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log("[e2e] stopping the stack");
    if (app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      app.kill("SIGKILL");
    }
    control.close();
    // Within Playwright's grace period: sandboxes left running by the specs are not worth waiting for.
    const stopped = Promise.all([
      orchestrator.stop().catch((error: Error) => console.error(error)),
      supabase?.stop().catch((error: Error) => console.error(error)),
    ]).then(() => database.drop().catch((error: Error) => console.error(error)));
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 7_000))]);
  }
  process.exit(exitCode);
}

process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
app.on("exit", (code) => {
  if (!stopping) {
    console.error(`[e2e] next ${dev ? "dev" : "start"} exited (${code}); stopping the stack`);
    void stop(code || 1);
  }
});
