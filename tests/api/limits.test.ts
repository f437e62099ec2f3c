import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { apiStackSettings, newUser, serviceDb } from "./stack.ts";

const until = async <T>(what: string, probe: () => PromiseLike<T | null | undefined>, deadlineMs = 15_000): Promise<T> => {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe("the active-sandbox limit", () => {
  it("lets exactly the limit through when more creates arrive at once; the rest get 429 limit_reached", async () => {
    const user = await newUser();
    const answers = await Promise.all(
      Array.from({ length: apiStackSettings.activeLimit + 2 }, () => user.request("POST", "/api/sandbox", {})),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(apiStackSettings.activeLimit).fill(201), ...Array(2).fill(429)]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.error).toMatchObject({ code: "limit_reached", details: { limit: apiStackSettings.activeLimit } });
    expect(refused.body.error.message).toMatch(/Stop one/);

    const stopped = answers.find((a) => a.status === 201)!.body.instance.id;
    await user.request("PATCH", `/api/sandbox/${stopped}`, { action: "stop" });
    expect((await user.request("POST", "/api/sandbox", {})).status).toBe(201);
  });
});

describe("the exec rate limit", () => {
  it(`allows ${apiStackSettings.execRateLimit} commands per window, then answers 429 with Retry-After`, async () => {
    const user = await newUser();
    const { id } = (await user.request("POST", "/api/sandbox", {})).body.instance;
    for (let i = 0; i < apiStackSettings.execRateLimit; i++) {
      const answer = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "true" });
      expect(answer.status).toBe(200);
    }
    const limited = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "true" });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(apiStackSettings.execRateWindowSeconds);

    const other = await newUser();
    const { id: otherId } = (await other.request("POST", "/api/sandbox", {})).body.instance;
    expect((await other.request("POST", `/api/sandbox/${otherId}/exec`, { command: "true" })).status).toBe(200);
  });
});

describe("when the browser goes away", () => {
  it("aborting a long exec leaves the command to its own timeout, as production does, and the sandbox takes the next one", async () => {
    const user = await newUser();
    const { id } = (await user.request("POST", "/api/sandbox", {})).body.instance;
    const seconds = 300 + Math.floor(Math.random() * 200);
    const controller = new AbortController();
    const pending = user
      .request("POST", `/api/sandbox/${id}/exec`, { command: `sleep ${seconds}`, timeout: 3 }, { signal: controller.signal })
      .catch((error: Error) => error);
    const running = () => execFileSync("ps", ["-eo", "args"], { encoding: "utf8" }).includes(`sleep ${seconds}`);
    await until("the command to start", async () => running());
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    // Production cannot be asked to stop it (the terminal says so); its timeout still ends it.
    await until("the command to reach its timeout", async () => !running());
    const next = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "echo next" });
    expect(next.body.stdout).toBe("next\n");
  });

  it("a create the browser walked away from still completes with the chosen lifetime", async () => {
    const user = await newUser();
    const controller = new AbortController();
    const pending = user
      .request("POST", "/api/sandbox", { ttl_seconds: 1234 }, { signal: controller.signal })
      .catch((error: Error) => error);
    const row = () =>
      serviceDb()
        .from("sandbox_instances")
        .select("*")
        .eq("user_id", user.id!)
        .maybeSingle()
        .then((r) => r.data);
    const heldReservations = async () =>
      (await serviceDb().from("sandbox_create_reservations").select("id", { count: "exact", head: true }).eq("user_id", user.id!)).count;
    await until("the orchestrator to start writing the row", row);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    // The orchestrator writes the row `ready` (with the lifetime it was handed) before it answers;
    // the app records it and frees the slot a moment after. Wait for that recorded state, what
    // the user depends on: their slot back and their own config, not the orchestrator's write.
    const done = await until("the app to record the row and free the slot", async () => {
      const current = await row();
      const recorded = current?.status === "ready" && !("dashboard_reservation_id" in (current.config as object));
      return recorded && (await heldReservations()) === 0 ? current : null;
    });
    expect(done.ttl_seconds).toBe(1234);
    const lifetime = (Date.parse(done.expires_at!) - Date.parse(done.created_at)) / 1000;
    expect(lifetime).toBeGreaterThan(1200);
    expect(lifetime).toBeLessThan(1300);
    // The slot is really back: the rest of the limit can be created, and no more.
    const more = [];
    for (let i = 1; i < apiStackSettings.activeLimit; i++) more.push((await user.request("POST", "/api/sandbox", {})).status);
    expect(more).toEqual(Array(apiStackSettings.activeLimit - 1).fill(201));
    expect((await user.request("POST", "/api/sandbox", {})).status).toBe(429);
  });
});
