import { beforeAll, describe, expect, it } from "vitest";
import { newUser, type ApiCaller } from "./stack.ts";

let user: ApiCaller;
let sandboxId: string;
beforeAll(async () => {
  user = await newUser();
  const created = await user.request("POST", "/api/sandbox", {});
  sandboxId = created.body.instance.id;
});

function expectValidation(answer: { status: number; body: any }, field: string) {
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe("validation");
  expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  expect(answer.body.error.message).toMatch(new RegExp(`^${field} `));
}

describe("input validation of /api/sandbox routes", () => {
  it("answers 400 for an id that is not a UUID, on every route", async () => {
    for (const [method, path, body] of [
      ["GET", "/api/sandbox/not-a-uuid", undefined],
      ["PATCH", "/api/sandbox/not-a-uuid", { action: "stop" }],
      ["DELETE", "/api/sandbox/not-a-uuid", undefined],
      ["POST", "/api/sandbox/not-a-uuid/exec", { command: "pwd" }],
    ] as const) {
      expectValidation(await user.request(method, path, body), "id");
    }
  });

  it("checks every exec field: command 1..9,350 characters (code points), timeout 1..600, cwd up to 4,096, nothing else", async () => {
    const exec = (body: unknown) => user.request("POST", `/api/sandbox/${sandboxId}/exec`, body);
    expectValidation(await exec({ command: "" }), "command");
    expectValidation(await exec({}), "command");
    expectValidation(await exec({ command: "x".repeat(9_351) }), "command");
    expectValidation(await exec({ command: "🎉".repeat(9_351) }), "command");
    expectValidation(await exec({ command: "pwd", timeout: 0 }), "timeout");
    expectValidation(await exec({ command: "pwd", timeout: 601 }), "timeout");
    expectValidation(await exec({ command: "pwd", timeout: 1.5 }), "timeout");
    expectValidation(await exec({ command: "pwd", cwd: "/".repeat(4097) }), "cwd");
    expectValidation(await exec({ command: "pwd", shell: "zsh" }), "body");
    // What is sent around it stays within the orchestrator's 10,000; an emoji counts one, as there.
    const longest = await exec({ command: `echo ${"🎉".repeat(9_345)}`, timeout: 600, cwd: "/home/agent" });
    expect(longest.status).toBe(200);
    expect(longest.body.stdout).toBe(`${"🎉".repeat(9_345)}\n`);
  });

  it("checks create: ttl_seconds in 60..86,400, config a JSON object of at most 16 KB, project_id a UUID of yours", async () => {
    const create = (body: unknown) => user.request("POST", "/api/sandbox", body);
    expectValidation(await create({ ttl_seconds: 59 }), "ttl_seconds");
    expectValidation(await create({ ttl_seconds: 86_401 }), "ttl_seconds");
    expectValidation(await create({ ttl_seconds: "600" }), "ttl_seconds");
    expectValidation(await create({ config: [1, 2] }), "config");
    expectValidation(await create({ config: "big" }), "config");
    expectValidation(await create({ config: { blob: "z".repeat(17 * 1024) } }), "config");
    expectValidation(await create({ config: { ttl_seconds: 999_999 } }), "config");
    expectValidation(await create({ config: { dashboard_reservation_id: crypto.randomUUID() } }), "config");
    expectValidation(await create({ project_id: "nope" }), "project_id");
    expectValidation(await create({ project_id: crypto.randomUUID() }), "project_id");
  });

  it("refuses deeply nested config with 400, however deep (no stack overflow reaches the answer)", async () => {
    for (const depth of [33, 3_000, 5_000]) {
      const raw = `{"config":{"a":${"[".repeat(depth)}5${"]".repeat(depth)}}}`;
      const answer = await user.request("POST", "/api/sandbox", undefined, { raw });
      expectValidation(answer, "config");
      expect(answer.body.error.message).toContain("32 levels");
    }
    const deepest = `{"config":{"a":${"[".repeat(31)}5${"]".repeat(31)}}}`;
    const accepted = await user.request("POST", "/api/sandbox", undefined, { raw: deepest });
    expect(accepted.status).toBe(201);
    expect((await user.request("DELETE", `/api/sandbox/${accepted.body.instance.id}`)).status).toBe(204);
  });

  it("refuses NUL and lone surrogates in exec command and cwd and in config keys and values, naming the field", async () => {
    const exec = (raw: string) => user.request("POST", `/api/sandbox/${sandboxId}/exec`, undefined, { raw });
    expectValidation(await exec('{"command":"echo a\\u0000b"}'), "command");
    expectValidation(await exec('{"command":"echo \\ud800"}'), "command");
    expectValidation(await exec('{"command":"pwd","cwd":"/home/agent\\u0000"}'), "cwd");
    expectValidation(await exec('{"command":"pwd","cwd":"/tmp/\\udc00"}'), "cwd");
    const create = (raw: string) => user.request("POST", "/api/sandbox", undefined, { raw });
    for (const raw of [
      '{"config":{"a\\u0000":1}}',
      '{"config":{"a":"b\\u0000"}}',
      '{"config":{"\\ud83d":1}}',
      '{"config":{"a":["\\ude00"]}}',
      '{"config":{"a":{"b":"\\ud800x"}}}',
    ]) {
      const answer = await create(raw);
      expectValidation(answer, "config");
      expect(JSON.stringify(answer.body), raw).not.toMatch(/registry|unsupported Unicode|invalid input syntax/);
    }
    const emoji = await exec('{"command":"printf %s \\ud83d\\ude00"}');
    expect(emoji.status).toBe(200);
    expect(emoji.body.stdout).toBe("😀");
  });

  it("checks PATCH: the only action is stop", async () => {
    expectValidation(await user.request("PATCH", `/api/sandbox/${sandboxId}`, { action: "restart" }), "action");
    expectValidation(await user.request("PATCH", `/api/sandbox/${sandboxId}`, {}), "action");
  });

  it("answers 400 for a body that is not JSON and 413 for one over 64 KB", async () => {
    const notJson = await user.request("POST", `/api/sandbox/${sandboxId}/exec`, undefined, { raw: "{command: pwd" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatchObject({ code: "validation", message: "The request body must be JSON." });
    const huge = await user.request("POST", "/api/sandbox", undefined, {
      raw: JSON.stringify({ config: { blob: "q".repeat(70 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
  });

  it("creates nothing when the input is refused", async () => {
    const { body } = await user.request("GET", "/api/sandbox");
    expect(body.pagination.total).toBe(1);
  });
});
