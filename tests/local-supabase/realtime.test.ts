import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createClient, type RealtimeChannel, type SupabaseClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import WebSocket from "ws";
import { startTestSupabase, demoUsers, type TestSupabase } from "../helpers/local-supabase.ts";
import { backendName, createTestDatabase } from "../helpers/database.ts";
import { startLocalSupabase, type LocalSupabase } from "../../local-stack/supabase/server.ts";
import { subscribed } from "../helpers/subscribed.ts";

type Row = Record<string, unknown>;
interface ChangeEvent {
  eventType: "INSERT" | "UPDATE" | "DELETE";
  schema: string;
  table: string;
  commit_timestamp: string;
  new: Row;
  old: Row;
  errors: unknown;
  receivedAt: number;
}
type Binding = { event: "*" | "INSERT" | "UPDATE" | "DELETE"; filter?: string };

const table = "sandbox_instances";
/** How long to wait for a change before calling it lost (speed is measured by `npm run bench`, not here). */
const withinMs = 5000;
/** After a later control event arrived, how long to keep listening for one that must not. */
const quietMs = 150;

let stack: TestSupabase;
let service: SupabaseClient;
const clients: SupabaseClient[] = [];

beforeAll(async () => {
  stack = await startTestSupabase();
  service = track(stack.serviceClient());
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.removeAllChannels()));
});
afterAll(async () => {
  await stack?.stop();
});

function track(client: SupabaseClient): SupabaseClient {
  clients.push(client);
  return client;
}

/** A channel's received changes, with a way to wait for one. */
class Subscription {
  events: ChangeEvent[] = [];
  private waiters: { match: (e: ChangeEvent) => boolean; resolve: (e: ChangeEvent) => void }[] = [];

  constructor(readonly channel: RealtimeChannel) {}

  push(event: ChangeEvent) {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(event)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  }

  next(match: (e: ChangeEvent) => boolean, timeoutMs = withinMs): Promise<ChangeEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no matching change within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      const done = (e: ChangeEvent) => {
        clearTimeout(timer);
        resolve(e);
      };
      this.waiters.push({ match, resolve: done });
    });
  }

  about(sandboxId: string): ChangeEvent[] {
    return this.events.filter((e) => e.new.sandbox_id === sandboxId || e.old.sandbox_id === sandboxId);
  }
}

/** Subscribes and resolves once the server confirmed the bindings (SUBSCRIBED). */
async function subscribe(client: SupabaseClient, bindings: Binding[], name = `test-${randomBytes(4).toString("hex")}`) {
  const channel = client.channel(name);
  const subscription = new Subscription(channel);
  for (const binding of bindings) {
    channel.on("postgres_changes", { ...binding, schema: "public", table } as never, (payload: Omit<ChangeEvent, "receivedAt">) =>
      subscription.push({ ...payload, receivedAt: Date.now() }),
    );
  }
  await subscribed(channel, 5_000);
  return subscription;
}

/** The error a subscription ends with; fails if it subscribes instead. */
function subscribeError(client: SupabaseClient, bindings: Binding[] = [{ event: "*" }]): Promise<Error> {
  const channel = client.channel(`refused-${randomBytes(4).toString("hex")}`);
  for (const binding of bindings) channel.on("postgres_changes", { ...binding, schema: "public", table } as never, () => {});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("neither subscribed nor refused in time")), 5000);
    channel.subscribe((status, error) => {
      clearTimeout(timer);
      if (status === "SUBSCRIBED") reject(new Error("subscribed, expected a refusal"));
      else resolve(error ?? new Error(status));
    });
  });
}

function newSandboxId(owner: string) {
  return `sbx-${owner}-${randomBytes(5).toString("hex")}`;
}

async function insertRow(userId: string, sandboxId: string, extra: Row = {}): Promise<Row> {
  const { data, error } = await service
    .from(table)
    .insert({ user_id: userId, sandbox_id: sandboxId, ...extra })
    .select()
    .single();
  if (error) throw error;
  return data as Row;
}

async function updateRow(sandboxId: string, values: Row) {
  const { error } = await service.from(table).update(values).eq("sandbox_id", sandboxId);
  if (error) throw error;
}

async function deleteRow(sandboxId: string) {
  const { error } = await service.from(table).delete().eq("sandbox_id", sandboxId);
  if (error) throw error;
}

/** Lets anything still in flight arrive before asserting that it did not. */
const quietWindow = () => new Promise((resolve) => setTimeout(resolve, quietMs));

describe(`local Supabase Realtime with supabase-js (${backendName})`, () => {
  it("delivers INSERT, UPDATE and DELETE of the user's own rows", async () => {
    const alice = track(await stack.signedIn("alice"));
    const sub = await subscribe(alice, [
      { event: "INSERT" },
      { event: "UPDATE" },
      { event: "DELETE", filter: `user_id=eq.${demoUsers.alice.id}` },
    ]);
    const sandboxId = newSandboxId("alice");

    const row = await insertRow(demoUsers.alice.id, sandboxId, { config: { image: "python", cpus: 2 } });
    const inserted = await sub.next((e) => e.eventType === "INSERT" && e.new.sandbox_id === sandboxId);
    expect(inserted).toMatchObject({ schema: "public", table, errors: null, old: {} });
    expect(inserted.new).toMatchObject({
      id: row.id,
      user_id: demoUsers.alice.id,
      status: "creating",
      ttl_seconds: 7200,
      config: { image: "python", cpus: 2 },
    });
    expect(inserted.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    await updateRow(sandboxId, { status: "running" });
    const updated = await sub.next((e) => e.eventType === "UPDATE" && e.new.sandbox_id === sandboxId);
    expect(updated.new).toMatchObject({ id: row.id, status: "running" });
    expect(updated.new.expires_at).toBeTruthy();
    // The table's replica identity is full, so the old row comes whole.
    expect(updated.old).toMatchObject({ id: row.id, status: "creating" });

    await deleteRow(sandboxId);
    const deleted = await sub.next((e) => e.eventType === "DELETE" && e.old.id === row.id);
    // RLS is on: a DELETE carries only the primary key.
    expect(deleted.old).toEqual({ id: row.id });
    expect(deleted.new).toEqual({});
  });

  it("delivers nothing of another user's rows, with or without a filter", async () => {
    const alice = track(await stack.signedIn("alice"));
    const unfiltered = await subscribe(alice, [{ event: "INSERT" }, { event: "UPDATE" }]);
    const filtered = await subscribe(alice, [{ event: "*", filter: `user_id=eq.${demoUsers.alice.id}` }]);
    const bobs = newSandboxId("bob");
    const alices = newSandboxId("alice");

    await insertRow(demoUsers.bob.id, bobs);
    await updateRow(bobs, { status: "ready" });
    await insertRow(demoUsers.alice.id, alices);
    await updateRow(alices, { status: "ready" });
    // As on Supabase, an INSERT or UPDATE is checked against the row as it is when the
    // change is dispatched: delete only once the updates are through.
    await unfiltered.next((e) => e.eventType === "UPDATE" && e.new.sandbox_id === alices);
    await filtered.next((e) => e.eventType === "UPDATE" && e.new.sandbox_id === alices);
    await deleteRow(bobs);
    await deleteRow(alices);

    const aliceRowId = (await filtered.next((e) => e.eventType === "INSERT" && e.new.sandbox_id === alices)).new.id;
    await filtered.next((e) => e.eventType === "DELETE" && e.old.id === aliceRowId);
    await quietWindow();

    expect(unfiltered.about(bobs)).toEqual([]);
    expect(filtered.about(bobs)).toEqual([]);
    expect(filtered.events.map((e) => e.eventType)).toEqual(["INSERT", "UPDATE", "DELETE"]);
    expect(filtered.events.every((e) => (e.eventType === "DELETE" ? e.old.id === aliceRowId : e.new.user_id === demoUsers.alice.id))).toBe(
      true,
    );
  });

  it("delivers no INSERT or UPDATE to a client without a session, and a DELETE only as its key", async () => {
    const anon = await subscribe(track(stack.anonClient()), [{ event: "*" }]);
    const control = await subscribe(track(stack.serviceClient()), [{ event: "*" }]);
    const sandboxId = newSandboxId("alice");

    const row = await insertRow(demoUsers.alice.id, sandboxId);
    await updateRow(sandboxId, { status: "starting" });
    // service_role sees every change.
    await control.next((e) => e.eventType === "UPDATE" && e.new.sandbox_id === sandboxId);
    await deleteRow(sandboxId);
    await control.next((e) => e.eventType === "DELETE" && e.old.id === row.id);
    expect(control.about(sandboxId).map((e) => e.eventType)).toEqual(["INSERT", "UPDATE"]);
    await quietWindow();

    // As on Supabase, a DELETE skips RLS but carries nothing but the primary key.
    expect(anon.events.map((e) => [e.eventType, e.old])).toEqual([["DELETE", { id: row.id }]]);
  });

  it("refuses a forged, unsigned, undecodable or expired access token", async () => {
    const alice = track(await stack.signedIn("alice"));
    const aliceToken = (await alice.auth.getSession()).data.session!.access_token;
    const [header, payload, signature] = aliceToken.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const asBob = Buffer.from(JSON.stringify({ ...claims, sub: demoUsers.bob.id })).toString("base64url");
    const wrongKey = await new SignJWT({ role: "authenticated", sub: demoUsers.bob.id })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("not-the-project-secret-not-the-project-secret"));
    const expired = await new SignJWT({ role: "authenticated", sub: demoUsers.alice.id, aud: "authenticated" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(stack.keys.jwtSecret));

    const unsigned = [
      { alg: "none", typ: "JWT" },
      { ...claims, role: "service_role" },
    ]
      .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
      .join(".");

    for (const [token, message] of [
      [`${header}.${asBob}.${signature}`, /JWT signature/],
      [wrongKey, /JWT signature/],
      [expired, /expired/],
      ["garbage", /JWT signature/],
      [`${unsigned}.`, /JWT signature/],
      [`${unsigned}.${signature}`, /JWT signature/],
    ] as const) {
      const client = track(tokenClient(stack, () => token));
      await client.realtime.setAuth(token);
      expect((await subscribeError(client)).message).toMatch(message);
    }
  });

  it("delivers nothing to a filter that does not match, and honours neq and in", async () => {
    const alice = track(await stack.signedIn("alice"));
    const sandboxId = newSandboxId("alice");
    const other = await subscribe(alice, [{ event: "*", filter: `sandbox_id=eq.${sandboxId}-other` }]);
    const notRunning = await subscribe(alice, [{ event: "UPDATE", filter: `status=neq.running` }]);
    const inList = await subscribe(alice, [{ event: "UPDATE", filter: `status=in.(running,ready)` }]);
    const exact = await subscribe(alice, [{ event: "*", filter: `sandbox_id=eq.${sandboxId}` }]);

    await insertRow(demoUsers.alice.id, sandboxId);
    await updateRow(sandboxId, { status: "starting" });
    await updateRow(sandboxId, { status: "running" });

    await exact.next((e) => e.eventType === "UPDATE" && e.new.status === "running");
    await inList.next((e) => e.new.status === "running");
    await notRunning.next((e) => e.new.status === "starting");
    await quietWindow();

    expect(exact.events.map((e) => e.eventType)).toEqual(["INSERT", "UPDATE", "UPDATE"]);
    expect(other.events).toEqual([]);
    expect(notRunning.about(sandboxId).map((e) => e.new.status)).toEqual(["starting"]);
    expect(inList.about(sandboxId).map((e) => e.new.status)).toEqual(["running"]);
  });

  it("refuses a filter on an unknown column, a bad value, and a table outside the publication", async () => {
    const alice = track(await stack.signedIn("alice"));
    expect((await subscribeError(alice, [{ event: "*", filter: "nope=eq.1" }])).message).toMatch(/invalid column for filter nope/);
    expect((await subscribeError(alice, [{ event: "*", filter: "user_id=eq.not-a-uuid" }])).message).toMatch(/uuid/);
    expect((await subscribeError(alice, [{ event: "*", filter: "user_id=like" }])).message).toMatch(/filter/);
    const channel = alice.channel("not-published").on("postgres_changes", { event: "*", schema: "public", table: "projects" }, () => {});
    const error = await new Promise<Error | undefined>((resolve) =>
      channel.subscribe((status, err) => status !== "SUBSCRIBED" && resolve(err)),
    );
    expect(error?.message).toMatch(/Realtime is enabled/);
  });

  it("follows access_token updates: a new user's token changes what the channel receives", async () => {
    const tokenOf = async (user: "alice" | "bob") => (await (await stack.signedIn(user)).auth.getSession()).data.session!.access_token;
    // A token callback, as apps with their own auth use: every refresh of the client reads it.
    let token = await tokenOf("alice");
    const client = track(tokenClient(stack, () => token));
    const sub = await subscribe(client, [{ event: "INSERT" }]);
    token = await tokenOf("bob");
    await client.realtime.setAuth();

    // The update is applied asynchronously, as on Supabase: a row of Bob's arriving
    // shows the channel now acts as Bob.
    await expect
      .poll(
        async () => {
          const bobs = newSandboxId("bob");
          await insertRow(demoUsers.bob.id, bobs);
          return sub
            .next((e) => e.new.sandbox_id === bobs, 200)
            .then(
              () => true,
              () => false,
            );
        },
        { timeout: 5000, interval: 0 },
      )
      .toBe(true);

    const alices = newSandboxId("alice");
    const bobsSecond = newSandboxId("bob");
    await insertRow(demoUsers.alice.id, alices);
    await insertRow(demoUsers.bob.id, bobsSecond);
    await sub.next((e) => e.new.sandbox_id === bobsSecond);
    await quietWindow();
    expect(sub.about(alices)).toEqual([]);
  });

  it("sends a row too large for a notification whole", async () => {
    const alice = track(await stack.signedIn("alice"));
    const sub = await subscribe(alice, [{ event: "INSERT" }]);
    const sandboxId = newSandboxId("alice");
    const config = { blob: "x".repeat(20_000) };
    await insertRow(demoUsers.alice.id, sandboxId, { config });
    const inserted = await sub.next((e) => e.new.sandbox_id === sandboxId);
    expect(inserted.new.config).toEqual(config);
    expect(inserted.errors).toBeNull();
  });

  it("answers heartbeats", async () => {
    const statuses: string[] = [];
    const client = track(
      createClient(stack.url, stack.keys.publishableKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime: { transport: WebSocket as never, heartbeatIntervalMs: 50, heartbeatCallback: (s) => statuses.push(s) },
      }),
    );
    await subscribe(client, [{ event: "INSERT" }]);
    await expect.poll(() => statuses.filter((s) => s === "ok").length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    expect(statuses).not.toContain("timeout");
  });

  it("refuses a socket without a valid API key", async () => {
    const base = stack.url.replace(/^http/, "ws") + "/realtime/v1/websocket?vsn=2.0.0";
    for (const url of [base, `${base}&apikey=sb_publishable_forged`]) {
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("open", () => reject(new Error("connected without a valid key")));
        ws.on("error", () => {});
      });
      expect([401, 403]).toContain(status);
    }
  });
});

describe(`local Supabase Realtime across a restart (${backendName})`, () => {
  let first: LocalSupabase | undefined;
  let second: LocalSupabase | undefined;
  let cleanup: () => Promise<void> = async () => {};

  afterAll(async () => {
    await first?.stop().catch(() => {});
    await second?.stop();
    await cleanup();
  });

  it("reconnects, resubscribes and delivers changes after the local Supabase restarts", async () => {
    const database = await createTestDatabase();
    const dataDir = database.databaseUrl ? undefined : await mkdtemp(path.join(tmpdir(), "realtime-restart-"));
    cleanup = async () => {
      await database.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    };
    const storage = { databaseUrl: database.databaseUrl, dataDir };
    first = await startLocalSupabase({ port: 0, seed: true, ...storage });
    const { port, keys } = first;

    const client = (key: string) =>
      track(
        createClient(first!.url, key, {
          auth: { persistSession: false, autoRefreshToken: false },
          realtime: { transport: WebSocket as never, reconnectAfterMs: () => 100 },
        }),
      );
    const alice = client(keys.publishableKey);
    const { error } = await alice.auth.signInWithPassword(demoUsers.alice);
    expect(error).toBeNull();
    const writer = client(keys.secretKey);
    const sub = await subscribe(alice, [{ event: "INSERT" }]);

    const before = newSandboxId("alice");
    await writer.from(table).insert({ user_id: demoUsers.alice.id, sandbox_id: before });
    await sub.next((e) => e.new.sandbox_id === before);

    await first.stop();
    first = undefined;
    second = await startLocalSupabase({ port, keys, ...storage });

    // The channel rejoins by itself once the socket is back; wait for the rejoin, not a delay.
    const rejoined = () => sub.channel.state === "joined" && alice.realtime.isConnected();
    await expect.poll(rejoined, { timeout: 10_000, interval: 50 }).toBe(true);

    const after = newSandboxId("alice");
    const { error: insertError } = await writer.from(table).insert({ user_id: demoUsers.alice.id, sandbox_id: after });
    expect(insertError).toBeNull();
    const event = await sub.next((e) => e.new.sandbox_id === after);
    expect(event.new.user_id).toBe(demoUsers.alice.id);
  });
});

function tokenClient(stack: TestSupabase, token: () => string): SupabaseClient {
  return createClient(stack.url, stack.keys.publishableKey, {
    accessToken: async () => token(),
    realtime: { transport: WebSocket as never },
  });
}
