import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { apiStackSettings, newUser, resetFaults, rowById, serverLog, serviceDb, setFaults, stack, type ApiCaller } from "./stack.ts";

let user: ApiCaller;
let sandbox: { id: string; sandbox_id: string };
beforeAll(async () => {
  user = await newUser();
  sandbox = (await user.request("POST", "/api/sandbox", {})).body.instance;
});
afterEach(async () => {
  await resetFaults();
});

// Whatever failed, the database is left in a state the user can work from.
afterAll(async () => {
  const { data: rows } = await serviceDb().from("sandbox_instances").select("sandbox_id, status, config").eq("user_id", user.id!);
  const ids = rows!.map((row) => row.sandbox_id);
  expect(new Set(ids).size, "no duplicated sandbox_id").toBe(ids.length);
  expect(
    rows!.filter((row) => ["creating", "starting", "shutting_down"].includes(row.status)),
    "no row stuck in transition",
  ).toEqual([]);
  expect(
    rows!.filter((row) => JSON.stringify(row.config).match(/ttl_seconds|dashboard_reservation_id/)),
    "no internal config key",
  ).toEqual([]);
  const { count } = await serviceDb()
    .from("sandbox_create_reservations")
    .select("id", { count: "exact", head: true })
    .eq("user_id", user.id!);
  expect(count, "no slot reservation held").toBe(0);
});

const stop = () => user.request("PATCH", `/api/sandbox/${sandbox.id}`, { action: "stop" });
const exec = (id = sandbox.id) => user.request("POST", `/api/sandbox/${id}/exec`, { command: "echo hi" });

describe("when the orchestrator fails, the API says what happened and loses nothing", () => {
  it("closes every connection unanswered: 502 orchestrator_unavailable, and the sandbox stays as it was", async () => {
    await setFaults({ refuse: true });
    const answer = await stop();
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatchObject({
      code: "orchestrator_unavailable",
      message: expect.stringMatching(/stopped answering before the stop finished/),
    });
    expect(await rowById(sandbox.id)).toMatchObject({ status: "ready" });
  });

  it("is slower than the deadline: 504 orchestrator_timeout", async () => {
    // exec's deadline is its timeout (1 s), 5 s of grace for the orchestrator's own timeout, and
    // MATRX_ORCHESTRATOR_TIMEOUT_MS (2 s).
    await setFaults({ latency_ms: 9_000 });
    const answer = await user.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command: "true", timeout: 1 });
    expect(answer.status).toBe(504);
    expect(answer.body.error).toMatchObject({
      code: "orchestrator_timeout",
      message:
        "The sandbox service did not answer within 8 s: it may be busy running a command. Nothing was sent again, and what you asked may still happen once it is free. Your command, if it started, stops by itself within 1 s.",
    });
    await resetFaults();
    expect((await exec()).body.stdout).toBe("hi\n");
  });

  it("refuses the dashboard's key: 502 orchestrator_misconfigured, and the server log names the variable", async () => {
    await setFaults({ api_key: "the-orchestrator-now-expects-another-key" });
    const answer = await exec();
    expect(answer.status).toBe(502);
    expect(answer.body.error.code).toBe("orchestrator_misconfigured");
    expect(answer.body.error.message).not.toContain("MATRX_");
    const named = /HTTP 403\): check MATRX_ORCHESTRATOR_API_KEY/;
    const log = await serverLog((text) => named.test(text));
    expect(log).toMatch(named);
    expect(log).not.toContain(apiStackSettings.orchestratorApiKey);
  });

  it("answers 500: 502 orchestrator_error with the upstream detail", async () => {
    await setFaults({ error_rate: 1 });
    const answer = await exec();
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatchObject({ code: "orchestrator_error", details: { upstream_status: 500 } });
    expect(answer.body.error.message).toMatch(/HTTP 500/);
  });

  it("answers malformed JSON: 502 orchestrator_error", async () => {
    await setFaults({ malformed_json: 1 });
    const answer = await exec();
    expect(answer.status).toBe(502);
    expect(answer.body.error.code).toBe("orchestrator_error");
    expect(answer.body.error.message).toMatch(/could not be read/);
  });

  it("creating while it is down frees the slot again", async () => {
    await setFaults({ refuse: true });
    const answer = await user.request("POST", "/api/sandbox", {});
    expect(answer.status).toBe(502);
    const { count } = await serviceDb()
      .from("sandbox_create_reservations")
      .select("id", { count: "exact", head: true })
      .eq("user_id", user.id!);
    expect(count).toBe(0);
  });

  it("answers 500 to every call: a create frees its slot and leaves no row, a stop leaves the sandbox as it was", async () => {
    const before = (await serviceDb().from("sandbox_instances").select("id").eq("user_id", user.id!)).data!.length;
    await setFaults({ error_rate: 1 });
    const created = await user.request("POST", "/api/sandbox", {});
    expect(created.status).toBe(502);
    expect(created.body.error.code).toBe("orchestrator_error");
    const stopped = await stop();
    expect(stopped.status).toBe(502);
    await resetFaults();
    expect((await serviceDb().from("sandbox_instances").select("id").eq("user_id", user.id!)).data!.length).toBe(before);
    expect(await rowById(sandbox.id)).toMatchObject({ status: "ready" });
    expect((await exec()).body.stdout).toBe("hi\n");
  });

  it("serves one exec at a time and one runs longer than another's deadline: 504 for the one that waited, and the sandbox works after", async () => {
    await setFaults({ serial: true });
    const long = user.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command: "sleep 10", timeout: 20 });
    // Serial, the service answers nothing else while it runs: /health stops answering once it started.
    for (let held = false; !held;) {
      held = await fetch(`${stack().orchestratorUrl}/health`, { signal: AbortSignal.timeout(500) }).then(
        () => false,
        () => true,
      );
    }
    // Its deadline: 1 s + 5 s + 2 s, well before the long command ends.
    const waiting = await user.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command: "true", timeout: 1 });
    expect(waiting.status).toBe(504);
    expect(waiting.body.error.code).toBe("orchestrator_timeout");
    expect((await long).status).toBe(200);
    await resetFaults();
    expect((await exec()).body.stdout).toBe("hi\n");
  });

  it("no longer knows the sandbox: 410 gone, and the row is marked stopped", async () => {
    const { data: ghost } = await serviceDb()
      .from("sandbox_instances")
      .insert({ user_id: user.id!, sandbox_id: "sbx-0000deadbeef", status: "ready" })
      .select()
      .single();
    const answer = await exec(ghost!.id);
    expect(answer.status).toBe(410);
    expect(answer.body.error.code).toBe("gone");
    expect(await rowById(ghost!.id)).toMatchObject({ status: "stopped", stop_reason: "error" });
    expect((await rowById(ghost!.id))!.stopped_at).not.toBeNull();

    const { data: ghost2 } = await serviceDb()
      .from("sandbox_instances")
      .insert({ user_id: user.id!, sandbox_id: "sbx-0000deadbee2", status: "running" })
      .select()
      .single();
    const stopped = await user.request("PATCH", `/api/sandbox/${ghost2!.id}`, { action: "stop" });
    expect(stopped.status).toBe(410);
    expect(await rowById(ghost2!.id)).toMatchObject({ status: "stopped" });
  });
});
