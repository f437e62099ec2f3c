import { beforeAll, describe, expect, it } from "vitest";
import { alice, apiStackSettings, bob, rowById, serverLog, stack, type ApiCaller } from "./stack.ts";

let owner: ApiCaller;
let stranger: ApiCaller;
let sandbox: { id: string; sandbox_id: string; status: string; updated_at: string };

beforeAll(async () => {
  [owner, stranger] = await Promise.all([alice(), bob()]);
  const created = await owner.request("POST", "/api/sandbox", { config: { note: "idor target" } });
  expect(created.status).toBe(201);
  sandbox = created.body.instance;
});

describe("another user's sandbox answers exactly like one that does not exist", () => {
  const calls = () =>
    [
      ["GET", `/api/sandbox/${sandbox.id}`, undefined],
      ["PATCH", `/api/sandbox/${sandbox.id}`, { action: "stop" }],
      ["DELETE", `/api/sandbox/${sandbox.id}`, undefined],
      ["POST", `/api/sandbox/${sandbox.id}/exec`, { command: "touch ~/pwned" }],
    ] as const;

  it("answers 404 not_found on every route and method, as for a random id", async () => {
    for (const [method, path, body] of calls()) {
      const theirs = await stranger.request(method, path, body);
      const missing = await stranger.request(method, path.replace(sandbox.id, crypto.randomUUID()), body);
      expect(theirs.status, `${method} ${path}`).toBe(404);
      expect(theirs.body, `${method} ${path}`).toEqual(missing.body);
    }
  });

  it("leaves the sandbox, its row and its files untouched", async () => {
    expect(await rowById(sandbox.id)).toMatchObject({ status: "ready", updated_at: sandbox.updated_at });
    const check = await owner.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command: "ls ~" });
    expect(check.body.exit_code).toBe(0);
    expect(check.body.stdout).not.toContain("pwned");
  });

  it("leaves it out of the stranger's list", async () => {
    const { body } = await stranger.request("GET", "/api/sandbox?limit=100");
    expect(body.instances.map((i: { id: string }) => i.id)).not.toContain(sandbox.id);
  });
});

describe("cross-site requests", () => {
  const writes = () =>
    [
      ["POST", "/api/sandbox", {}],
      ["PATCH", `/api/sandbox/${sandbox.id}`, { action: "stop" }],
      ["DELETE", `/api/sandbox/${sandbox.id}`, undefined],
      ["POST", `/api/sandbox/${sandbox.id}/exec`, { command: "true" }],
    ] as const;

  it("refuses every state-changing route with 403 from another origin, a cross-site fetch, or with no origin at all", async () => {
    const before = (await owner.request("GET", "/api/sandbox")).body.pagination.total;
    const refusedHeaders: Record<string, string | null>[] = [
      { origin: "https://evil.example" },
      { origin: null, "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: null },
    ];
    for (const headers of refusedHeaders) {
      for (const [method, path, body] of writes()) {
        const answer = await owner.request(method, path, body, { headers });
        expect(answer.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(answer.body.error.code).toBe("forbidden");
      }
    }
    expect((await owner.request("GET", "/api/sandbox")).body.pagination.total).toBe(before);
    expect(await rowById(sandbox.id)).toMatchObject({ status: "ready" });
  });

  it("lets reads through from anywhere (they change nothing and need the session cookie)", async () => {
    const answer = await owner.request("GET", `/api/sandbox/${sandbox.id}`, undefined, { headers: { origin: "https://evil.example" } });
    expect(answer.status).toBe(200);
  });
});

describe("logs and secrets", () => {
  it("writes one JSON line per request, with no key and no command text", async () => {
    const marker = `secret-token-${crypto.randomUUID()}`;
    const command = `echo ${marker} > /dev/null`;
    await owner.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command });
    const execLines = (log: string) =>
      log
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((e) => e.route === "/api/sandbox/[id]/exec" && e.user_id === owner.id && e.status === 200);
    const log = await serverLog((text) => execLines(text).some((e) => e.command_length === command.length));
    const exec = execLines(log).find((e) => e.command_length === command.length);
    expect(exec).toMatchObject({
      method: "POST",
      status: 200,
      user_id: owner.id,
      upstream_status: 200,
      command_length: command.length,
    });
    expect(exec!.duration_ms).toEqual(expect.any(Number));
    expect(exec!.upstream_duration_ms).toEqual(expect.any(Number));
    expect(log).not.toContain(marker);
    expect(log).not.toContain(apiStackSettings.orchestratorApiKey);
    expect(log).not.toContain(stack().secretKey);
  });

  it("never sends the orchestrator key or the service key to a browser", async () => {
    const answers = [
      await owner.request("GET", "/api/sandbox"),
      await owner.request("GET", `/api/sandbox/${sandbox.id}`),
      await owner.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command: "env" }),
    ];
    for (const answer of answers) {
      const text = JSON.stringify(answer.body) + JSON.stringify([...answer.headers]);
      expect(text).not.toContain(apiStackSettings.orchestratorApiKey);
      expect(text).not.toContain(stack().secretKey);
    }
  });
});
