import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { processesWith } from "../helpers/orchestrator.ts";
import { subscribed } from "../helpers/subscribed.ts";
import { apiStackSettings, newUser, rowById, serviceDb, stack, type ApiCaller } from "./stack.ts";

// The API stack's orchestrator runs with its expiry sweeper off, as production has none: only
// the dashboard's cron route (or a create) ends a sandbox past its expires_at here.

const cronPath = "/api/cron/expire-sandboxes";
const callCron = async (authorization: string | null = `Bearer ${apiStackSettings.cronSecret}`, method = "GET") => {
  const response = await fetch(stack().appUrl + cronPath, {
    method,
    headers: authorization === null ? {} : { authorization },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

const until = async <T>(
  what: string,
  probe: () => PromiseLike<T | null | undefined | false> | T | null | undefined | false,
  limitMs = 20_000,
) => {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const pastExpiry = async (id: string) => {
  const { error } = await serviceDb()
    .from("sandbox_instances")
    .update({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .eq("id", id);
  if (error) throw error;
};

const pending: Promise<unknown>[] = [];
afterAll(async () => {
  await Promise.allSettled(pending);
});

/**
 * Starts a process in the sandbox that outlives the command when the orchestrator keeps one
 * container per sandbox (production); where each exec is its own process group, a command that
 * keeps running instead. Returns the marker its host process line starts with.
 */
async function runSomethingIn(user: ApiCaller, id: string): Promise<string> {
  const marker = `sleep ${300 + Math.floor(Math.random() * 200)}.${randomBytes(2).readUInt16BE(0)}`;
  const background = await user.request("POST", `/api/sandbox/${id}/exec`, { command: `${marker} >/dev/null 2>&1 &` });
  expect(background.status).toBe(200);
  if (processesWith(marker).length > 0) return marker;
  const foreground = `sleep ${500 + Math.floor(Math.random() * 200)}.${randomBytes(2).readUInt16BE(0)}`;
  pending.push(user.request("POST", `/api/sandbox/${id}/exec`, { command: foreground, timeout: 600 }).catch(() => {}));
  await until("the command to start", () => processesWith(foreground).length > 0);
  return foreground;
}

describe("sandboxes past their lifetime", () => {
  it("are ended by the cron route: process gone, row expired, slot free", async () => {
    const user = await newUser();
    const short = await user.request("POST", "/api/sandbox", { ttl_seconds: 60 });
    expect(short.status).toBe(201);
    const id = short.body.instance.id as string;
    for (let i = 1; i < apiStackSettings.activeLimit; i++) expect((await user.request("POST", "/api/sandbox", {})).status).toBe(201);
    const marker = await runSomethingIn(user, id);
    expect((await user.request("POST", "/api/sandbox", {})).status).toBe(429);

    // Its 60 s are over (set, rather than waited for); nothing else ends it.
    await pastExpiry(id);
    expect((await rowById(id))?.status).toBe("ready");
    expect(processesWith(marker).length).toBeGreaterThan(0);

    const run = await callCron();
    expect(run.status).toBe(200);
    expect(run.headers.get("cache-control")).toBe("no-store");
    expect(run.body).toMatchObject({ failed: 0 });
    expect(run.body.expired).toBeGreaterThanOrEqual(1);
    expect(await rowById(id)).toMatchObject({ status: "expired", stop_reason: "expired", stopped_at: expect.any(String) });
    await until("the sandbox's processes to be gone", () => processesWith(marker).length === 0);
    expect((await user.request("POST", `/api/sandbox/${id}/exec`, { command: "true" })).status).toBe(409);

    expect((await user.request("POST", "/api/sandbox", {})).status).toBe(201);
  });

  it("are ended by the user's next create, which the limit lets through", async () => {
    const user = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < apiStackSettings.activeLimit; i++) ids.push((await user.request("POST", "/api/sandbox", {})).body.instance.id);
    const [expiring] = ids as [string];
    const marker = await runSomethingIn(user, expiring);
    await pastExpiry(expiring);

    expect((await user.request("POST", "/api/sandbox", {})).status).toBe(201);
    expect(await rowById(expiring)).toMatchObject({ status: "expired", stop_reason: "expired" });
    await until("the sandbox's processes to be gone", () => processesWith(marker).length === 0);
  });

  it("are recorded once when two runs start at the same time", async () => {
    const user = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await user.request("POST", "/api/sandbox", {})).body.instance.id);
    const sentinel = (await user.request("POST", "/api/sandbox", {})).body.instance.id as string;

    const changes: { id: string; status: string }[] = [];
    const feed = serviceDb();
    const channel = feed
      .channel(`expiry-${randomBytes(4).toString("hex")}`)
      .on(
        "postgres_changes",
        { event: "UPDATE", schema: "public", table: "sandbox_instances", filter: `user_id=eq.${user.id}` },
        (payload) => changes.push({ id: (payload.new as { id: string }).id, status: (payload.new as { status: string }).status }),
      );
    await subscribed(channel);
    try {
      for (const id of ids) await pastExpiry(id);
      const runs = await Promise.all([callCron(), callCron(undefined, "POST")]);
      expect(runs.map((r) => r.status)).toEqual([200, 200]);
      expect(runs[0]!.body.expired + runs[1]!.body.expired).toBeGreaterThanOrEqual(2);
      for (const id of ids) expect(await rowById(id)).toMatchObject({ status: "expired", stop_reason: "expired" });
      expect((await callCron()).status).toBe(200);

      // Changes arrive in order: once the sentinel's is in, every earlier one is too.
      await serviceDb().from("sandbox_instances").update({ last_heartbeat_at: new Date().toISOString() }).eq("id", sentinel);
      await until("the sentinel's change", () => changes.some((c) => c.id === sentinel));
      for (const id of ids) {
        const statuses = changes.filter((c) => c.id === id).map((c) => c.status);
        expect(statuses.filter((s) => s === "expired")).toEqual(["expired"]);
        expect(statuses.filter((s) => s === "shutting_down")).toHaveLength(1);
      }
    } finally {
      await feed.removeAllChannels();
    }
  });
});

describe("the cron route", () => {
  it("refuses a missing or wrong secret with 401 in the error shape, and does nothing", async () => {
    const user = await newUser();
    const id = (await user.request("POST", "/api/sandbox", {})).body.instance.id as string;
    await pastExpiry(id);
    for (const authorization of [
      null,
      "Bearer",
      "Bearer wrong-secret-of-a-good-length-0123456789",
      `Bearer ${apiStackSettings.cronSecret}x`,
      `Bearer ${apiStackSettings.cronSecret.slice(0, -1)}`,
      apiStackSettings.cronSecret,
      `Basic ${Buffer.from(`cron:${apiStackSettings.cronSecret}`).toString("base64")}`,
    ]) {
      const answer = await callCron(authorization);
      expect(answer.status, String(authorization)).toBe(401);
      expect(answer.body.error).toMatchObject({ code: "unauthorized", message: expect.stringContaining("CRON_SECRET") });
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
    expect((await rowById(id))?.status).toBe("ready");
  });

  it("answers other methods 405 with Allow", async () => {
    const answer = await callCron(`Bearer ${apiStackSettings.cronSecret}`, "PUT");
    expect(answer.status).toBe(405);
    expect(answer.body.error.code).toBe("method_not_allowed");
    expect(answer.headers.get("allow")).toContain("POST");
  });
});
