import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalSupabase } from "../../local-stack/supabase/server.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase } from "../helpers/database.ts";
import { freePort } from "../helpers/free-port.ts";
import { cookieSignIn } from "../helpers/cookie-sign-in.ts";
import { demoUsers } from "../../local-stack/demo-users.ts";
import { startNextApp } from "../helpers/next-app.ts";
import { serveUserFactory } from "../helpers/auth-users.ts";
import { testIsolation } from "../helpers/orchestrator.ts";
import { OrchestratorProcess } from "../helpers/orchestrator-process.ts";
import { apiStackSettings, type ApiStack } from "./stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    apiStack: ApiStack;
  }
}

/** One stack for every API test file: local Supabase, local orchestrator and the real app, built for production (`API_APP=dev`: under `next dev`). */
export default async function setup(project: TestProject) {
  // Each project on this stack (api, faults-api) builds in a folder of its own: they may run at once.
  const build = project.name === "api" ? "api-tests" : `${project.name}-tests`;
  const database = await createTestDatabase();
  const supabase = await startLocalSupabase({ port: await freePort(), seed: true, databaseUrl: database.databaseUrl });
  const users = await serveUserFactory(supabase.db);
  const sandboxes = mkdtempSync(path.join(tmpdir(), "api-sandboxes-"));
  mkdirSync(".next", { recursive: true });
  // A process of its own, as beside a deployed app: the fault suite kills it mid-request and starts it again.
  const orchestrator = new OrchestratorProcess({
    port: await freePort(),
    apiKey: apiStackSettings.orchestratorApiKey,
    supabaseUrl: supabase.url,
    supabaseSecretKey: supabase.keys.secretKey,
    dataDir: sandboxes,
    logFile: path.resolve(`.next/${build}-orchestrator.log`),
    env: {
      ORCHESTRATOR_ISOLATION: testIsolation,
      // Long enough that a test can act while a create is half done (the row exists, the answer not yet).
      ORCHESTRATOR_STEP_DELAY_MS: "250",
      // As in production: nothing but the dashboard's own expiry ends a sandbox past its lifetime.
      ORCHESTRATOR_EXPIRY: "off",
    },
  });
  const { isolation } = await orchestrator.start();
  const control = await serveOrchestratorControl(orchestrator);
  const app = await startNextApp({
    distDir: `.next/${build}`,
    logFile: path.resolve(`.next/${build}.log`),
    env: {
      NEXT_PUBLIC_SUPABASE_URL: supabase.url,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.keys.publishableKey,
      SUPABASE_SECRET_KEY: supabase.keys.secretKey,
      MATRX_ORCHESTRATOR_URL: orchestrator.url,
      MATRX_ORCHESTRATOR_API_KEY: apiStackSettings.orchestratorApiKey,
      MATRX_ORCHESTRATOR_TIMEOUT_MS: String(apiStackSettings.orchestratorTimeoutMs),
      SANDBOX_ACTIVE_LIMIT: String(apiStackSettings.activeLimit),
      SANDBOX_EXEC_RATE_LIMIT: String(apiStackSettings.execRateLimit),
      SANDBOX_EXEC_RATE_WINDOW_SECONDS: String(apiStackSettings.execRateWindowSeconds),
      CRON_SECRET: apiStackSettings.cronSecret,
    },
  });
  // Compile the route handlers and the pages the suites ask for once, together, so no test pays for
  // a compile (on a loaded machine a first compile can pass a test's timeout).
  // Signed in (as the seeded Alice): signed out, the pages only redirect to /login.
  const { cookie } = await cookieSignIn(supabase.url, supabase.keys.publishableKey, demoUsers.alice.email, demoUsers.alice.password);
  const routes = ["/login", "/dashboard", "/dashboard/sandbox", `/dashboard/sandbox/${crypto.randomUUID()}`, "/api/sandbox"];
  routes.push(`/api/sandbox/${crypto.randomUUID()}`, `/api/sandbox/${crypto.randomUUID()}/exec`);
  await Promise.all(
    routes.map((route) =>
      fetch(app.url + route, {
        method: route.endsWith("/exec") ? "POST" : "GET",
        headers: route === "/login" ? {} : { cookie, origin: app.url },
        redirect: "manual",
      }).then((answer) => answer.body?.cancel()),
    ),
  );

  project.provide("apiStack", {
    appUrl: app.url,
    logFile: app.logFile,
    supabaseUrl: supabase.url,
    publishableKey: supabase.keys.publishableKey,
    secretKey: supabase.keys.secretKey,
    jwtSecret: supabase.keys.jwtSecret,
    orchestratorUrl: orchestrator.url,
    userFactoryUrl: users.url,
    orchestratorIsolation: isolation,
    orchestratorDataDir: sandboxes,
    orchestratorControlUrl: control.url,
  });

  return async () => {
    await app.stop();
    await control.stop();
    await orchestrator.stop();
    await users.stop();
    await supabase.stop();
    await database.drop();
    rmSync(sandboxes, { recursive: true, force: true });
  };
}

/** Loopback control of the orchestrator's process for the test files: POST /kill (SIGKILL), POST /start. */
async function serveOrchestratorControl(orchestrator: OrchestratorProcess) {
  const port = await freePort();
  const server = createServer((request, response) => {
    const action = request.url === "/kill" ? orchestrator.kill() : request.url === "/start" ? orchestrator.start() : null;
    if (request.method !== "POST" || !action) {
      response.writeHead(404).end();
      return;
    }
    action.then(
      () => response.writeHead(200, { "content-type": "application/json" }).end("{}"),
      (error: Error) => response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: error.message })),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
