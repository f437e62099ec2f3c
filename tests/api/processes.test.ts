import { beforeAll, describe, expect, it } from "vitest";
import { newUser, type ApiCaller } from "./stack.ts";

/** The Processes view's routes against the local orchestrator: what a job started in the terminal looks like, and stopping it. */
let me: ApiCaller;
let id: string;

beforeAll(async () => {
  me = await newUser();
  const created = await me.request("POST", "/api/sandbox", {});
  expect(created.status).toBe(201);
  id = created.body.instance.id;
});

const list = async () => {
  const answer = await me.request("GET", `/api/sandbox/${id}/processes`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.headers.get("cache-control")).toBe("no-store");
  return answer.body.processes as Array<{ pid: number; command: string; dashboard: boolean; user: string }>;
};

describe("processes", () => {
  it("lists a `sleep 300 &` started through the exec route; TERM stops it; a second stop finds nothing", async () => {
    const started = await me.request("POST", `/api/sandbox/${id}/exec`, { command: "sleep 300 &" });
    expect(started.status).toBe(200);
    const sleeper = (await list()).find((p) => p.command === "sleep 300")!;
    expect(sleeper).toMatchObject({ dashboard: false });
    expect((await list()).filter((p) => p.dashboard).map((p) => p.command)).toContainEqual(expect.stringMatching(/^ps /));

    const stop = await me.request("POST", `/api/sandbox/${id}/processes/${sleeper.pid}/signal`, { signal: "TERM" });
    expect(stop.status, JSON.stringify(stop.body)).toBe(200);
    expect(stop.body).toEqual({ pid: sleeper.pid, signal: "TERM", outcome: "exited" });
    expect((await list()).some((p) => p.pid === sleeper.pid && p.command === "sleep 300")).toBe(false);

    const again = await me.request("POST", `/api/sandbox/${id}/processes/${sleeper.pid}/signal`, { signal: "KILL" });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("not_found");
  });

  it("usage has CPU, memory and disk", async () => {
    const answer = await me.request("GET", `/api/sandbox/${id}/usage`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { usage } = answer.body;
    expect(usage.sampledAt).toBeGreaterThan(0);
    expect(usage.cpu.limit).toBeGreaterThan(0);
    expect(usage.memory.limitBytes).toBeGreaterThan(0);
    expect(usage.disk.limitBytes).toBeGreaterThan(0);
  });

  it("refuses a bad pid or signal (400), a cross-site stop (403)", async () => {
    for (const [pid, body] of [
      ["1", { signal: "TERM" }],
      ["abc", { signal: "TERM" }],
      ["5", { signal: "HUP" }],
      ["5", { signal: "TERM", extra: 1 }],
    ] as const) {
      const answer = await me.request("POST", `/api/sandbox/${id}/processes/${pid}/signal`, body);
      expect(answer.status, `${pid} ${JSON.stringify(body)}`).toBe(400);
    }
    const crossSite = await me.request(
      "POST",
      `/api/sandbox/${id}/processes/5/signal`,
      { signal: "KILL" },
      { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } },
    );
    expect(crossSite.status).toBe(403);
  });

  it("a stopped sandbox answers 409 to all three", async () => {
    expect((await me.request("PATCH", `/api/sandbox/${id}`, { action: "stop" })).status).toBe(200);
    for (const [method, path, body] of [
      ["GET", "processes", undefined],
      ["GET", "usage", undefined],
      ["POST", "processes/5/signal", { signal: "TERM" }],
    ] as const) {
      const answer = await me.request(method, `/api/sandbox/${id}/${path}`, body);
      expect(answer.status, path).toBe(409);
      expect(answer.body.error.code).toBe("conflict");
    }
  });
});
