import { beforeAll, describe, expect, it } from "vitest";
import { newUser, serverLog, type ApiCaller } from "./stack.ts";

/**
 * The Processes and SSH views' routes against the local orchestrator, on one sandbox: what a job
 * started in the terminal looks like, stopping it, a key; then all of them once it is stopped.
 */
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
  expect(answer.headers.get("cache-control")).toContain("no-store");
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

  it("access answers a key and the commands to use it, no-store, and the key is not in the log; a cross-site request is refused", async () => {
    const answer = await me.request("POST", `/api/sandbox/${id}/access`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.headers.get("cache-control")).toContain("no-store");
    const { access } = answer.body;
    const sandboxId = (await me.request("GET", `/api/sandbox/${id}`)).body.instance.sandbox_id;
    expect(access).toEqual({
      private_key: expect.stringMatching(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+-----END OPENSSH PRIVATE KEY-----\n$/),
      username: "agent",
      host: "127.0.0.1",
      port: expect.any(Number),
      key_file: `${sandboxId}.pem`,
      chmod_command: `chmod 600 ${sandboxId}.pem`,
      ssh_command: `ssh -i ${sandboxId}.pem -p ${access.port} agent@127.0.0.1`,
      private_host: true,
    });
    const keyLine = access.private_key.split("\n")[1];
    const log = await serverLog((text) => text.includes('"route":"/api/sandbox/[id]/access"'));
    expect(log).toContain('"route":"/api/sandbox/[id]/access"');
    expect(log).not.toContain(keyLine);

    const crossSite = await me.request("POST", `/api/sandbox/${id}/access`, undefined, {
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
  });

  it("a stopped sandbox answers 409 to all of them", async () => {
    expect((await me.request("PATCH", `/api/sandbox/${id}`, { action: "stop" })).status).toBe(200);
    for (const [method, path, body] of [
      ["GET", "processes", undefined],
      ["GET", "usage", undefined],
      ["POST", "processes/5/signal", { signal: "TERM" }],
      ["POST", "access", undefined],
    ] as const) {
      const answer = await me.request(method, `/api/sandbox/${id}/${path}`, body);
      expect(answer.status, path).toBe(409);
      expect(answer.body.error.code).toBe("conflict");
    }
  });
});
