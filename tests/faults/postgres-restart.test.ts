import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSupabase, type LocalSupabase } from "../../local-stack/supabase/server.ts";
import { createConfirmedUser } from "../helpers/auth-users.ts";
import { cookieSignIn } from "../helpers/cookie-sign-in.ts";
import { freePort } from "../helpers/free-port.ts";
import { startNextApp, type NextApp } from "../helpers/next-app.ts";
import { PrivatePostgres, privatePostgresUnavailable } from "../helpers/private-postgres.ts";

/**
 * The system-Postgres backend restarting under a running app: a cluster of the test's own (never
 * the shared server on 5432), the local Supabase and the app (`next start`) on it; Postgres is stopped (fast
 * shutdown) and crashed (kill -9 of the postmaster) and started again, the app and Supabase never.
 */
const unavailable = privatePostgresUnavailable();
if (unavailable && process.env.REQUIRE_POSTGRES_FAULTS === "1") {
  throw new Error(`REQUIRE_POSTGRES_FAULTS=1 but no private Postgres cluster can be made here: ${unavailable}`);
}
if (unavailable) console.log(`postgres-restart: skipped, ${unavailable}`);

let pg: PrivatePostgres | undefined;
let supabase: LocalSupabase | undefined;
let app: NextApp | undefined;
let cookie = "";

beforeAll(async () => {
  if (unavailable) return;
  pg = await PrivatePostgres.create();
  pg.start();
  supabase = await startLocalSupabase({ port: await freePort(), seed: true, databaseUrl: pg.url });
  const email = "pg-restart@example.com";
  await createConfirmedUser(supabase.db, email, "pg-restart-password");
  mkdirSync(".next", { recursive: true });
  app = await startNextApp({
    distDir: ".next/faults-postgres",
    logFile: path.resolve(".next/faults-postgres.log"),
    readyPath: "/api/sandbox",
    env: {
      NEXT_PUBLIC_SUPABASE_URL: supabase.url,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.keys.publishableKey,
      SUPABASE_SECRET_KEY: supabase.keys.secretKey,
      // Nothing here reaches the orchestrator: these routes only read and write rows.
      MATRX_ORCHESTRATOR_URL: `http://127.0.0.1:${await freePort()}`,
      MATRX_ORCHESTRATOR_API_KEY: "postgres-restart-orchestrator-key",
    },
  });
  ({ cookie } = await cookieSignIn(supabase.url, supabase.keys.publishableKey, email, "pg-restart-password"));
}, 300_000);

afterAll(async () => {
  try {
    await app?.stop();
    await supabase?.stop().catch(() => {});
  } finally {
    pg?.destroy();
  }
}, 60_000);

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

async function call(method: string, route: string, body?: unknown): Promise<Answer> {
  const response = await fetch(app!.url + route, {
    method,
    headers: { cookie, origin: app!.url, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A hang is a failure too: the API answers within its own deadlines.
    signal: AbortSignal.timeout(45_000),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

/** What the user's routes answer while the database is gone: a 503 saying so, in the one error shape. */
async function expectOutage() {
  for (const [method, route, body] of [
    ["GET", "/api/sandbox"],
    ["GET", `/api/sandbox/${crypto.randomUUID()}`],
    ["POST", "/api/sandbox", {}],
  ] as const) {
    const answer = await call(method, route, body);
    expect(answer.status, `${method} ${route} while Postgres is down`).toBe(503);
    expect(answer.body.error?.code).toMatch(/^(database_unavailable|auth_unavailable)$/);
    expect(answer.body.error?.message).toMatch(/not reachable|Try again/);
  }
}

/** Back without restarting the app or Supabase: the list answers again (their pools reconnect). */
async function expectRecovered() {
  const deadline = Date.now() + 60_000;
  let last: Answer | undefined;
  while (Date.now() < deadline) {
    last = await call("GET", "/api/sandbox");
    if (last.status === 200) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not recover within 60 s: ${JSON.stringify(last)}`);
}

describe.skipIf(unavailable !== null)("Postgres restarting under the app (system-Postgres backend)", () => {
  it("answers 200 before", async () => {
    expect((await call("GET", "/api/sandbox")).status).toBe(200);
  });

  it.each([
    ["stopped (fast shutdown): 503 while it is down, 200 again once it is back", () => pg!.stopFast()],
    ["crashed (kill -9 of the postmaster): 503 while it is down, 200 again after crash recovery", () => pg!.crash()],
  ])(
    "%s",
    async (_, takeDown) => {
      takeDown();
      try {
        await expectOutage();
      } finally {
        pg!.start();
      }
      await expectRecovered();
    },
    180_000,
  );
});
