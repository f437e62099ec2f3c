import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { demoUsers } from "../helpers/local-supabase.ts";
import { startTestOrchestrator, testApiKey, type TestOrchestrator } from "../helpers/orchestrator.ts";

const alice = demoUsers.alice.id;

let orch: TestOrchestrator;
let id: string;

beforeAll(async () => {
  orch = await startTestOrchestrator({ isolation: "none" });
  id = await orch.createSandbox(alice);
});
afterAll(async () => {
  await orch?.stop();
});

interface RawAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** Sends exactly these bytes (fetch would normalise the target, the headers and the body) and reads the whole answer. */
function sendRaw(head: string, body: Buffer | string = ""): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(orch.port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [headText = "", ...rest] = text.split("\r\n\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1] ?? 0);
      const contentType = /^content-type: *(.*)$/im.exec(headText)?.[1]?.trim();
      resolve({ status, contentType, body: rest.join("\r\n\r\n") });
    });
    const payload = typeof body === "string" ? Buffer.from(body) : body;
    socket.write(`${head}\r\ncontent-length: ${payload.length}\r\nconnection: close\r\n\r\n`);
    socket.end(payload);
  });
}

const request = (method: string, target: string, body: Buffer | string = "", contentType = "application/json") =>
  sendRaw(
    `${method} ${target} HTTP/1.1\r\nhost: 127.0.0.1:${orch.port}\r\nx-api-key: ${testApiKey}${contentType ? `\r\ncontent-type: ${contentType}` : ""}`,
    body,
  );

function expectJson(answer: RawAnswer): any {
  expect(answer.contentType).toBe("application/json");
  return JSON.parse(answer.body);
}

describe("malformed input gets the contract's JSON answers, never a bare 500", () => {
  it("refuses a NUL in the command, cwd or user with a 422 naming the field, and never logs the command", async () => {
    const secret = `nul-${randomBytes(6).toString("hex")}`;
    for (const [field, body] of [
      ["command", { command: `echo ${secret}\u0000rm -rf /` }],
      ["cwd", { command: `echo ${secret}`, cwd: "/home/agent\u0000/x" }],
      ["user", { command: `echo ${secret}`, user: "agent\u0000" }],
    ] as const) {
      const answer = await orch.api("POST", `/sandboxes/${id}/exec`, body);
      expect(answer.status).toBe(422);
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(answer.body.detail).toEqual([expect.objectContaining({ type: "value_error", loc: ["body", field], msg: expect.any(String) })]);
    }
    expect(orch.logs.join("\n")).not.toContain(secret);
    // The sandbox is unharmed.
    expect(await orch.exec(id, "echo fine")).toMatchObject({ exit_code: 0, stdout: "fine" });
  });

  it("refuses a lone surrogate in the command or cwd as pydantic does (string_unicode)", async () => {
    for (const raw of ['{"command": "echo \\ud800"}', '{"command": "true", "cwd": "/home/agent/\\udfff"}']) {
      const answer = await orch.api("POST", `/sandboxes/${id}/exec`, undefined, { raw });
      expect(answer.status).toBe(422);
      expect(answer.body.detail[0]).toMatchObject({ type: "string_unicode", msg: expect.stringMatching(/unicode string/) });
    }
  });

  it("routes malformed percent-encoding as uvicorn does: kept literally, so an unknown sandbox is a JSON 404", async () => {
    for (const [target, seen] of [
      ["/sandboxes/%ZZ", "%ZZ"],
      ["/sandboxes/%E0%A4%A", "\ufffd%A"],
      ["/sandboxes/%", "%"],
      ["/sandboxes/%C0%AF", "\ufffd\ufffd"],
    ] as const) {
      const got = await request("GET", target);
      expect(got.status).toBe(404);
      expect(expectJson(got)).toEqual({ detail: `Sandbox ${seen} not found` });
      for (const [method, suffix, body] of [
        ["DELETE", "", ""],
        ["POST", "/heartbeat", ""],
        ["POST", "/exec", '{"command": "true"}'],
        ["POST", "/complete", ""],
      ] as const) {
        const answer = await request(method, target + suffix, body);
        expect(answer.status).toBe(404);
        expectJson(answer);
      }
    }
    const query = await request("DELETE", `/sandboxes/${id}x?graceful=%ZZ`);
    expect(query.status).toBe(422);
    expectJson(query);
    // A well-formed escape still names the sandbox.
    expect((await request("GET", `/sandboxes/${id.replace("sbx", "%73bx")}`)).status).toBe(200);
  });

  it("answers JSON to broken bodies on every route: bad JSON, other content types, bad UTF-8, deep nesting, a huge body", async () => {
    const bodies: [string, Buffer | string, string][] = [
      ["bad JSON", '{"command": ', "application/json"],
      ["NaN", '{"command": NaN}', "application/json"],
      ["text", "command=true", "text/plain"],
      ["form", "command=true", "application/x-www-form-urlencoded"],
      ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), "application/json"],
      [
        "lone surrogates",
        '{"user_id": "\\ud800", "config": {"\\ud800": 1}, "result": {"\\udc00": 1}, "command": "\\ud800", "error": "\\ud800"}',
        "application/json",
      ],
      ["deep nesting", `{"config": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`, "application/json"],
      ["huge", `{"command": "${"x".repeat(11 * 1024 * 1024)}"}`, "application/json"],
    ];
    const routes: [string, string][] = [
      ["POST", "/sandboxes"],
      ["POST", `/sandboxes/${id}/exec`],
      ["POST", `/sandboxes/${id}/complete`],
      ["POST", `/sandboxes/${id}/error`],
    ];
    for (const [what, body, contentType] of bodies) {
      for (const [method, route] of routes) {
        const answer = await request(method, route, body, contentType);
        expect([400, 404, 413, 422], `${what} to ${route}: ${answer.status}`).toContain(answer.status);
        expect(expectJson(answer).detail, `${what} to ${route}`).toBeDefined();
      }
    }
    expect(orch.logs.filter((l) => l.startsWith("unhandled"))).toEqual([]);
    expect((await orch.api("GET", `/sandboxes/${id}`)).body.status).toBe("ready");
  });

  it("answers a request the HTTP parser refuses with JSON too", async () => {
    const answer = await sendRaw(`GET /sandboxes HTTP/1.1\r\nhost: 127.0.0.1\r\nbad header\u0001: x`);
    expect(answer.status).toBe(400);
    expectJson(answer);
  });
});
