import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { createOrchestratorClient } from "@/lib/orchestrator/client";
import { startTestSupabase, type TestSupabase } from "../helpers/local-supabase.ts";
import { backendName } from "../helpers/database.ts";

// expireSandboxes and the create in front of a real local Supabase, and an orchestrator stand-in
// on loopback that can fail, forget or hang for one sandbox while it answers for the others.

type Behaviour = "ok" | "fail" | "gone" | "hang";
const behaviour = new Map<string, Behaviour>();
const destroys = new Map<string, number>();
const hanging: (() => void)[] = [];

let supabase: TestSupabase;
let orchestrator: Server;
let orchestratorUrl: string;
let userId: string;

beforeAll(async () => {
  supabase = await startTestSupabase();
  orchestrator = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const id = url.pathname.split("/")[2] ?? "";
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === "DELETE") {
      destroys.set(id, (destroys.get(id) ?? 0) + 1);
      const how = behaviour.get(id) ?? "ok";
      if (how === "fail") return reply(500, { detail: "Failed to destroy" });
      if (how === "gone") return reply(404, { detail: `Sandbox ${id} not found` });
      if (how === "hang") return void hanging.push(() => reply(204));
      // As production does: its own whole-row saves, shutting_down then stopped, before it answers.
      void (async () => {
        await supabase.db.query("update public.sandbox_instances set status = 'shutting_down' where sandbox_id = $1", [id]);
        await supabase.db.query(
          "update public.sandbox_instances set status = 'stopped', stop_reason = 'user_requested', stopped_at = now() where sandbox_id = $1",
          [id],
        );
        reply(204);
      })();
      return;
    }
    if (req.method === "POST" && url.pathname === "/sandboxes") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const { user_id, config } = JSON.parse(body) as { user_id: string; config: Record<string, unknown> };
        reply(201, {
          sandbox_id: `sbx-${Math.random().toString(16).slice(2, 14).padEnd(12, "0")}`,
          user_id,
          status: "ready",
          container_id: "c-1",
          created_at: new Date().toISOString(),
          hot_path: "/home/agent",
          cold_path: "/data/cold",
          config,
          ssh_port: null,
          ttl_seconds: 7200,
        });
      });
      return;
    }
    reply(404, { detail: "Not Found" });
  });
  await new Promise<void>((resolve) => orchestrator.listen(0, "127.0.0.1", resolve));
  orchestratorUrl = `http://127.0.0.1:${(orchestrator.address() as AddressInfo).port}`;
  for (const [name, value] of Object.entries({
    NEXT_PUBLIC_SUPABASE_URL: supabase.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.keys.publishableKey,
    SUPABASE_SECRET_KEY: supabase.keys.secretKey,
    MATRX_ORCHESTRATOR_URL: orchestratorUrl,
    MATRX_ORCHESTRATOR_API_KEY: "key",
    APP_ORIGINS: "http://127.0.0.1:3000",
  })) {
    vi.stubEnv(name, value);
  }
  // supabase-js wants a WebSocket for realtime even when it is not used; Node 20 has none.
  vi.stubGlobal("WebSocket", WebSocket);
}, 120_000);

afterAll(async () => {
  for (const release of hanging.splice(0)) release();
  orchestrator?.closeAllConnections();
  await new Promise((resolve) => orchestrator?.close(resolve));
  await supabase?.stop();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

beforeEach(async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  const [row] = await supabase.db.query<{ id: string }>(
    "insert into auth.users (id, email) values (gen_random_uuid(), 'expiry-' || gen_random_uuid() || '@example.com') returning id",
  );
  userId = row!.id;
});

/** A client with a deadline long enough that only the create's own bound can cut a hung destroy short. */
const client = (timeoutMs = 60_000) => createOrchestratorClient({ baseUrl: orchestratorUrl, apiKey: "key", timeoutMs });

async function expiredSandbox(how: Behaviour = "ok"): Promise<string> {
  const sandboxId = `sbx-${Math.random().toString(16).slice(2, 14).padEnd(12, "0")}`;
  behaviour.set(sandboxId, how);
  await supabase.db.query(
    "insert into public.sandbox_instances (user_id, sandbox_id, status, expires_at) values ($1, $2, 'ready', now() - interval '1 second')",
    [userId, sandboxId],
  );
  return sandboxId;
}
const statusOf = async (sandboxId: string) =>
  (
    await supabase.db.query<{ status: string; stop_reason: string | null }>(
      "select status, stop_reason from public.sandbox_instances where sandbox_id = $1",
      [sandboxId],
    )
  )[0];

describe(`expireSandboxes on ${backendName}`, () => {
  it("records each destroyed or already-gone sandbox expired; one the orchestrator fails for is left to the next run", async () => {
    const { expireSandboxes } = await import("@/lib/sandbox/operations/expire-sandboxes");
    const fine = [await expiredSandbox(), await expiredSandbox()];
    const gone = await expiredSandbox("gone");
    const failing = await expiredSandbox("fail");

    const first = await expireSandboxes(client(), { userId });
    expect(first).toEqual({ claimed: 4, expired: 3, already_gone: 1, failed: 1, deferred: 0 });
    for (const id of [...fine, gone]) expect(await statusOf(id)).toEqual({ status: "expired", stop_reason: "expired" });
    expect(await statusOf(failing)).toEqual({ status: "ready", stop_reason: null });

    behaviour.set(failing, "ok");
    expect(await expireSandboxes(client(), { userId })).toMatchObject({ claimed: 1, expired: 1, failed: 0 });
    expect(await statusOf(failing)).toEqual({ status: "expired", stop_reason: "expired" });
    for (const id of fine) expect(destroys.get(id)).toBe(1);
  });

  it("destroys and records every sandbox once when runs overlap", async () => {
    const { expireSandboxes } = await import("@/lib/sandbox/operations/expire-sandboxes");
    const ids = await Promise.all(Array.from({ length: 8 }, () => expiredSandbox()));
    const runs = await Promise.all(Array.from({ length: 3 }, () => expireSandboxes(client(), { userId, limit: 5 })));
    let left = ids.length - runs.reduce((sum, run) => sum + run.expired, 0);
    for (let round = 0; round < 5 && left > 0; round++) left -= (await expireSandboxes(client(), { userId })).expired;
    expect(left).toBe(0);
    for (const id of ids) {
      expect(destroys.get(id)).toBe(1);
      expect(await statusOf(id)).toEqual({ status: "expired", stop_reason: "expired" });
    }
  });
});

describe(`a create on ${backendName}`, () => {
  it("ends the user's expired sandboxes first, and does not wait on an orchestrator that hangs over one", async () => {
    const { createSandbox, expireFirstBudgetMs } = await import("@/lib/sandbox/operations/create-sandbox");
    const ended = await expiredSandbox();
    const stuck = await expiredSandbox("hang");
    const caller = { userId, supabase: supabase.serviceClient() as never, orchestrator: client() };
    const started = Date.now();
    const instance = await createSandbox(caller, { ttl_seconds: 600, config: {} }, 5);
    // The hung destroy alone could hold it for 4 × 60 s.
    expect(Date.now() - started).toBeLessThan(expireFirstBudgetMs + 20_000);
    expect(instance).toMatchObject({ status: "ready", ttl_seconds: 600 });
    expect(await statusOf(ended)).toEqual({ status: "expired", stop_reason: "expired" });
    expect(await statusOf(stuck)).toEqual({ status: "ready", stop_reason: null });
    // When the orchestrator finally answers, the expiry is recorded behind the create.
    for (const release of hanging.splice(0)) release();
    const deadline = Date.now() + 10_000;
    while ((await statusOf(stuck))?.status !== "expired" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await statusOf(stuck)).toEqual({ status: "expired", stop_reason: "expired" });
  });
});
