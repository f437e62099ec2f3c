import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkInterfaces } from "node:os";
import { backendName } from "../helpers/database.ts";
import { demoUsers, startTestSupabase, type TestSupabase } from "../helpers/local-supabase.ts";
import { expectedPaths, rawRequest, startTestOrchestrator, testApiKey, waitFor, type TestOrchestrator } from "../helpers/orchestrator.ts";

const alice = demoUsers.alice.id;
const bob = demoUsers.bob.id;
const unknownId = "sbx-000000000000";

let supabase: TestSupabase;
let orch: TestOrchestrator;

beforeAll(async () => {
  supabase = await startTestSupabase();
  orch = await startTestOrchestrator({ supabase });
});
afterAll(async () => {
  await orch?.stop();
  await supabase?.stop();
});

/** A SandboxResponse; its paths are the contract's when jailed, the host folders when not. */
const sandboxShape = (id: string) => ({
  sandbox_id: id,
  user_id: alice,
  status: "ready",
  container_id: expect.any(String),
  created_at: expect.any(String),
  hot_path: expectedPaths(orch, id).hot,
  cold_path: expectedPaths(orch, id).cold,
  config: {},
  ssh_port: null,
  ttl_seconds: 7200,
});

describe(`orchestrator contract over HTTP (registry on ${backendName})`, () => {
  describe("API key", () => {
    it("answers 401 without a key and 403 with a wrong one", async () => {
      const missing = await orch.api("GET", "/sandboxes", undefined, { headers: { "X-API-Key": "" } });
      expect(missing.status).toBe(401);
      expect(missing.body.detail).toMatch(/^Missing API key\./);
      const wrong = await orch.api("GET", "/sandboxes", undefined, { headers: { "X-API-Key": "nope" } });
      expect(wrong).toMatchObject({ status: 403, body: { detail: "Invalid API key." } });
      const wrongBearer = await orch.api("GET", "/sandboxes", undefined, {
        headers: { "X-API-Key": "", Authorization: `Bearer ${testApiKey}x` },
      });
      expect(wrongBearer.status).toBe(403);
    });

    it("accepts X-API-Key and Authorization: Bearer", async () => {
      expect((await orch.api("GET", "/sandboxes")).status).toBe(200);
      const bearer = await orch.api("GET", "/sandboxes", undefined, {
        headers: { "X-API-Key": "", Authorization: `Bearer ${testApiKey}` },
      });
      expect(bearer.status).toBe(200);
    });

    it("keeps /health and / open", async () => {
      const health = await orch.api("GET", "/health", undefined, { headers: { "X-API-Key": "" } });
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: "healthy", active_sandboxes: expect.any(Number), uptime_seconds: expect.any(Number) });
      expect(health.body.isolation).toBe(orch.isolation);
      const root = await orch.api("GET", "/", undefined, { headers: { "X-API-Key": "" } });
      expect(root.status).toBe(200);
    });

    it("accepts every request when no key is configured", async () => {
      const open = await startTestOrchestrator({ apiKey: undefined });
      try {
        const answer = await open.api("GET", "/sandboxes");
        expect(answer).toMatchObject({ status: 200, body: { sandboxes: [], total: 0 } });
      } finally {
        await open.stop();
      }
    });
  });

  describe("POST /sandboxes", () => {
    it("answers 201 with a ready SandboxResponse", async () => {
      const answer = await orch.api("POST", "/sandboxes", { user_id: alice, config: {} });
      expect(answer.status).toBe(201);
      expect(answer.body.sandbox_id).toMatch(/^sbx-[0-9a-f]{12}$/);
      expect(answer.body).toEqual(sandboxShape(answer.body.sandbox_id));
      expect(Number.isNaN(Date.parse(answer.body.created_at))).toBe(false);
    });

    it("normalises the UUID and keeps the config", async () => {
      const answer = await orch.api("POST", "/sandboxes", { user_id: alice.toUpperCase(), config: { note: "x", ttl_seconds: 600 } });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ user_id: alice, config: { note: "x", ttl_seconds: 600 }, ttl_seconds: 600 });
    });

    it("answers 422 when user_id is not a UUID", async () => {
      const answer = await orch.api("POST", "/sandboxes", { user_id: "not-a-uuid", config: {} });
      const error = "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1";
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        detail: [
          {
            type: "uuid_parsing",
            loc: ["body", "user_id"],
            msg: `Input should be a valid UUID, ${error}`,
            input: "not-a-uuid",
            ctx: { error },
          },
        ],
      });
      const short = await orch.api("POST", "/sandboxes", { user_id: "1234" });
      expect(short.body.detail[0].msg).toBe("Input should be a valid UUID, invalid length: expected length 32 for simple format, found 4");
      const number = await orch.api("POST", "/sandboxes", { user_id: 5 });
      expect(number.body.detail[0]).toMatchObject({ type: "uuid_type", loc: ["body", "user_id"] });
    });

    it("answers 422 for a missing user_id, a config that is not an object, a missing or broken body", async () => {
      const missing = await orch.api("POST", "/sandboxes", { config: {} });
      expect(missing).toMatchObject({
        status: 422,
        body: { detail: [{ type: "missing", loc: ["body", "user_id"], msg: "Field required", input: { config: {} } }] },
      });
      const config = await orch.api("POST", "/sandboxes", { user_id: alice, config: [] });
      expect(config.body.detail).toEqual([
        { type: "dict_type", loc: ["body", "config"], msg: "Input should be a valid dictionary", input: [] },
      ]);
      const noBody = await orch.api("POST", "/sandboxes");
      expect(noBody.body).toEqual({ detail: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }] });
      const broken = await orch.api("POST", "/sandboxes", undefined, { raw: '{"user_id": ' });
      expect(broken.status).toBe(422);
      expect(broken.body.detail[0]).toMatchObject({ type: "json_invalid", loc: ["body", expect.any(Number)], msg: "JSON decode error" });
      const list = await orch.api("POST", "/sandboxes", [1]);
      expect(list.body.detail[0]).toMatchObject({ type: "model_attributes_type", loc: ["body"] });
    });

    it("answers 500 when the sandbox cannot be registered (unknown user)", async () => {
      const answer = await orch.api("POST", "/sandboxes", { user_id: "00000000-0000-4000-8000-00000000abcd" });
      expect(answer.status).toBe(500);
      expect(answer.body.detail).toMatch(/^Failed to create sandbox: /);
    });
  });

  describe("GET /sandboxes and /sandboxes/{id}", () => {
    it("lists sandboxes with a total, filtered by user_id", async () => {
      const mine = await orch.createSandbox(bob);
      const all = await orch.api("GET", "/sandboxes");
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(all.body.sandboxes.length);
      const bobs = await orch.api("GET", `/sandboxes?user_id=${bob}`);
      expect(bobs.body.sandboxes.map((s: { sandbox_id: string }) => s.sandbox_id)).toContain(mine);
      expect(bobs.body.sandboxes.every((s: { user_id: string }) => s.user_id === bob)).toBe(true);
      expect(bobs.body.total).toBe(bobs.body.sandboxes.length);
    });

    it("gets one sandbox, or 404 with the production message", async () => {
      const id = await orch.createSandbox(alice);
      const answer = await orch.api("GET", `/sandboxes/${id}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(sandboxShape(id));
      expect(await orch.api("GET", `/sandboxes/${unknownId}`)).toMatchObject({
        status: 404,
        body: { detail: `Sandbox ${unknownId} not found` },
      });
    });
  });

  describe("POST /sandboxes/{id}/exec", () => {
    let id: string;
    beforeAll(async () => {
      id = await orch.createSandbox(alice);
    });

    it("answers 200 with exit_code, stdout, stderr and cwd", async () => {
      const answer = await orch.api("POST", `/sandboxes/${id}/exec`, { command: "echo hi", timeout: 30, user: "agent", cwd: null });
      expect(answer).toMatchObject({ status: 200, body: { exit_code: 0, stdout: "hi", stderr: "", cwd: expectedPaths(orch, id).hot } });
      expect(Object.keys(answer.body).sort()).toEqual(["cwd", "exit_code", "stderr", "stdout"]);
    });

    it("answers 404 for an unknown sandbox", async () => {
      expect(await orch.api("POST", `/sandboxes/${unknownId}/exec`, { command: "true" })).toMatchObject({
        status: 404,
        body: { detail: `Sandbox ${unknownId} not found` },
      });
    });

    it("answers 422 for an empty command, one over 10,000 characters, and a timeout outside 1..600", async () => {
      const empty = await orch.api("POST", `/sandboxes/${id}/exec`, { command: "" });
      expect(empty.body).toEqual({
        detail: [
          {
            type: "string_too_short",
            loc: ["body", "command"],
            msg: "String should have at least 1 character",
            input: "",
            ctx: { min_length: 1 },
          },
        ],
      });
      const long = "x".repeat(10_001);
      const tooLong = await orch.api("POST", `/sandboxes/${id}/exec`, { command: long });
      expect(tooLong.body).toEqual({
        detail: [
          {
            type: "string_too_long",
            loc: ["body", "command"],
            msg: "String should have at most 10000 characters",
            input: long,
            ctx: { max_length: 10000 },
          },
        ],
      });
      const low = await orch.api("POST", `/sandboxes/${id}/exec`, { command: "true", timeout: 0 });
      expect(low.body).toEqual({
        detail: [
          {
            type: "greater_than_equal",
            loc: ["body", "timeout"],
            msg: "Input should be greater than or equal to 1",
            input: 0,
            ctx: { ge: 1 },
          },
        ],
      });
      const high = await orch.api("POST", `/sandboxes/${id}/exec`, { command: "true", timeout: 601 });
      expect(high.body).toEqual({
        detail: [
          {
            type: "less_than_equal",
            loc: ["body", "timeout"],
            msg: "Input should be less than or equal to 600",
            input: 601,
            ctx: { le: 600 },
          },
        ],
      });
      const missing = await orch.api("POST", `/sandboxes/${id}/exec`, { timeout: 5 });
      expect(missing.body.detail[0]).toMatchObject({ type: "missing", loc: ["body", "command"] });
      // Validation comes before the lookup, as in FastAPI.
      expect((await orch.api("POST", `/sandboxes/${unknownId}/exec`, { command: "" })).status).toBe(422);
    });

    it("accepts a command of exactly 10,000 characters", async () => {
      const command = `echo ${"a".repeat(9_995)}`;
      const answer = await orch.api("POST", `/sandboxes/${id}/exec`, { command });
      expect(answer.status).toBe(200);
      expect(answer.body.stdout).toBe("a".repeat(9_995));
    });

    it("answers 500 when the sandbox is not running", async () => {
      const stopped = await orch.createSandbox(alice);
      expect((await orch.api("DELETE", `/sandboxes/${stopped}`)).status).toBe(204);
      const answer = await orch.api("POST", `/sandboxes/${stopped}/exec`, { command: "true" });
      expect(answer.status).toBe(500);
      expect(answer.body.detail).toMatch(/not running/);
    });

    it("answers 400 while the sandbox has no container yet", async () => {
      const slow = await startTestOrchestrator({ stepDelayMs: 1500 });
      try {
        const creating = slow.api("POST", "/sandboxes", { user_id: alice });
        const early = await waitFor(async () => (await slow.api("GET", "/sandboxes")).body.sandboxes[0], "the sandbox to appear");
        const answer = await slow.api("POST", `/sandboxes/${early.sandbox_id}/exec`, { command: "true" });
        expect(early.container_id).toBeNull();
        expect(answer).toMatchObject({ status: 400, body: { detail: `Sandbox ${early.sandbox_id} has no container` } });
        expect((await creating).status).toBe(201);
      } finally {
        await slow.stop();
      }
    });
  });

  describe("DELETE /sandboxes/{id}", () => {
    it("answers 204 with no body, also when already stopped, with graceful=false too", async () => {
      const id = await orch.createSandbox(alice);
      const first = await orch.api("DELETE", `/sandboxes/${id}`);
      expect(first.status).toBe(204);
      expect(first.text).toBe("");
      expect((await orch.api("GET", `/sandboxes/${id}`)).body.status).toBe("stopped");
      expect((await orch.api("DELETE", `/sandboxes/${id}`)).status).toBe(204);
      const other = await orch.createSandbox(alice);
      expect((await orch.api("DELETE", `/sandboxes/${other}?graceful=false`)).status).toBe(204);
    });

    it("answers 404 for an unknown sandbox and 422 for a graceful that is not a boolean", async () => {
      expect(await orch.api("DELETE", `/sandboxes/${unknownId}`)).toMatchObject({
        status: 404,
        body: { detail: `Sandbox ${unknownId} not found` },
      });
      const id = await orch.createSandbox(alice);
      const answer = await orch.api("DELETE", `/sandboxes/${id}?graceful=maybe`);
      expect(answer.body).toEqual({
        detail: [
          {
            type: "bool_parsing",
            loc: ["query", "graceful"],
            msg: "Input should be a valid boolean, unable to interpret input",
            input: "maybe",
          },
        ],
      });
    });
  });

  describe("heartbeat, access, complete and error", () => {
    it("acknowledges a heartbeat", async () => {
      const id = await orch.createSandbox(alice);
      expect(await orch.api("POST", `/sandboxes/${id}/heartbeat`)).toMatchObject({
        status: 200,
        body: { acknowledged: true, sandbox_id: id },
      });
      expect((await orch.api("POST", `/sandboxes/${unknownId}/heartbeat`)).status).toBe(404);
    });

    it("answers SSH access with a one-time key, as production does (tests/orchestrator/ssh-access.test.ts connects with it)", async () => {
      const id = await orch.createSandbox(alice);
      const answer = await orch.api("POST", `/sandboxes/${id}/access`);
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body).sort()).toEqual(["host", "port", "private_key", "ssh_command", "username"]);
      expect((await orch.api("POST", `/sandboxes/${unknownId}/access`)).status).toBe(404);
    });

    it("completes with or without a body", async () => {
      const id = await orch.createSandbox(alice);
      expect(await orch.api("POST", `/sandboxes/${id}/complete`, { result: { ok: true } })).toEqual(
        expect.objectContaining({ status: 200, body: { status: "shutting_down", sandbox_id: id } }),
      );
      const other = await orch.createSandbox(alice);
      expect((await orch.api("POST", `/sandboxes/${other}/complete`)).body).toEqual({ status: "shutting_down", sandbox_id: other });
      expect((await orch.api("POST", `/sandboxes/${unknownId}/complete`)).status).toBe(404);
    });

    it("receives an error report", async () => {
      const id = await orch.createSandbox(alice);
      const answer = await orch.api("POST", `/sandboxes/${id}/error`, { error: "agent crashed", details: { step: 3 } });
      expect(answer).toMatchObject({ status: 200, body: { status: "shutting_down", sandbox_id: id, error_received: true } });
      const missing = await orch.api("POST", `/sandboxes/${id}/error`, { details: {} });
      expect(missing.body.detail).toEqual([{ type: "missing", loc: ["body", "error"], msg: "Field required", input: { details: {} } }]);
      expect((await orch.api("POST", `/sandboxes/${unknownId}/error`, { error: "x" })).status).toBe(404);
    });
  });

  describe("Host header (DNS rebinding)", () => {
    it("answers 400 on every route to a Host that is neither loopback nor the configured one", async () => {
      for (const route of ["/health", "/sandboxes"]) {
        const answer = await rawRequest(orch.url + route, { headers: { "X-API-Key": testApiKey, Host: `rebound.example:${orch.port}` } });
        expect(answer).toEqual({ status: 400, body: { detail: "Invalid host header" } });
      }
      for (const host of ["localhost", `LOCALHOST:${orch.port}`, `[::1]:${orch.port}`, `127.0.0.1:${orch.port}`]) {
        expect((await rawRequest(`${orch.url}/sandboxes`, { headers: { "X-API-Key": testApiKey, Host: host } })).status).toBe(200);
      }
      expect((await rawRequest(`${orch.url}/health`, { headers: { Host: "127.0.0.1.evil.example" } })).status).toBe(400);
    });
  });

  describe("unknown routes", () => {
    it("answers 404 Not Found and 405 Method Not Allowed like FastAPI", async () => {
      expect(await orch.api("GET", "/nope")).toMatchObject({ status: 404, body: { detail: "Not Found" } });
      const wrongMethod = await orch.api("PUT", "/sandboxes");
      expect(wrongMethod).toMatchObject({ status: 405, body: { detail: "Method Not Allowed" } });
    });
  });

  describe("fault knobs", () => {
    it("adds latency, answers 500s, refuses connections and cuts JSON short, then recovers", async () => {
      const faults = (body: Record<string, unknown>) => orch.setFaults(body);
      try {
        expect(await faults({ latency_ms: 30 })).toMatchObject({ latency_ms: 30 });
        expect((await orch.api("GET", "/health")).status).toBe(200);

        await faults({ latency_ms: 0, error_rate: 1 });
        const failing = await fetch(`${orch.url}/sandboxes`, { headers: { "X-API-Key": testApiKey } });
        expect(failing.status).toBe(500);
        expect(await failing.text()).toBe("Internal Server Error");

        await faults({ error_rate: 0, malformed_json: 1 });
        const malformed = await fetch(`${orch.url}/sandboxes`, { headers: { "X-API-Key": testApiKey } });
        expect(malformed.status).toBe(200);
        await expect(malformed.json()).rejects.toThrow();

        await faults({ malformed_json: 0, refuse: true });
        await expect(fetch(`${orch.url}/health`)).rejects.toThrow();
      } finally {
        await faults({ reset: true });
      }
      expect((await orch.api("GET", "/sandboxes")).status).toBe(200);
    });

    it("answers only requests no web page could have sent: API key, no Origin, loopback Host, JSON", async () => {
      const url = `${orch.url}/__faults`;
      const swap = JSON.stringify({ api_key: "chosen-by-a-web-page", error_rate: 1 });
      const json = { "Content-Type": "application/json" };
      // What fetch(url, {method: "POST", mode: "no-cors", body}) sends from any site.
      const noCors = await rawRequest(url, {
        method: "POST",
        headers: { "Content-Type": "text/plain;charset=UTF-8", Origin: "https://evil.example" },
        body: swap,
      });
      expect(noCors.status).toBe(403);
      expect((await rawRequest(url, { method: "POST", headers: json, body: swap })).status).toBe(401);
      expect((await rawRequest(url)).status).toBe(401);
      expect((await rawRequest(url, { method: "POST", headers: { ...json, "X-API-Key": "wrong" }, body: swap })).status).toBe(403);
      const withKey = { ...json, "X-API-Key": testApiKey };
      expect((await rawRequest(url, { method: "POST", headers: { ...withKey, Origin: "https://evil.example" }, body: swap })).status).toBe(
        403,
      );
      expect((await rawRequest(url, { method: "POST", headers: { ...withKey, Origin: "null" }, body: swap })).status).toBe(403);
      const rebound = await rawRequest(url, { method: "POST", headers: { ...withKey, Host: `evil.example:${orch.port}` }, body: swap });
      expect(rebound).toEqual({ status: 400, body: { detail: "Invalid host header" } });
      const textPlain = await rawRequest(url, {
        method: "POST",
        headers: { "X-API-Key": testApiKey, "Content-Type": "text/plain" },
        body: swap,
      });
      expect(textPlain.status).toBe(415);
      expect(orch.faults.error_rate).toBe(0);
      expect((await orch.api("GET", "/sandboxes")).status).toBe(200);

      for (const host of ["localhost", `localhost:${orch.port}`, `[::1]:${orch.port}`, `127.0.0.1:${orch.port}`]) {
        const allowed = await rawRequest(url, { method: "POST", headers: { ...withKey, Host: host }, body: "{}" });
        expect(allowed).toMatchObject({ status: 200, body: { error_rate: 0 } });
      }
    });

    it("lets a test that swapped the API key reset it with the configured one", async () => {
      try {
        await orch.setFaults({ api_key: "another-key" });
        expect((await orch.api("GET", "/sandboxes")).status).toBe(403);
        expect((await orch.api("GET", "/sandboxes", undefined, { headers: { "X-API-Key": "another-key" } })).status).toBe(200);
      } finally {
        await orch.setFaults({ reset: true });
      }
      expect((await orch.api("GET", "/sandboxes")).status).toBe(200);
    });

    it("takes faults from the start options", async () => {
      const broken = await startTestOrchestrator({ faults: { error_rate: 1 } });
      try {
        expect((await fetch(`${broken.url}/health`)).status).toBe(500);
      } finally {
        await broken.stop();
      }
    });

    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    it.skipIf(!external)("does not expose the fault route beyond loopback", async () => {
      const wide = await startTestOrchestrator({ host: "0.0.0.0" });
      try {
        const answer = await fetch(`http://${external}:${wide.port}/__faults`, {
          method: "POST",
          headers: { "X-API-Key": testApiKey, "Content-Type": "application/json" },
          body: JSON.stringify({ error_rate: 1 }),
        });
        expect(answer.status).toBe(404);
        expect(wide.faults.error_rate).toBe(0);
        // Not on loopback, so other routes take any Host; the fault route still wants a loopback one.
        expect((await fetch(`http://${external}:${wide.port}/health`)).status).toBe(200);
        const rebound = await rawRequest(`http://127.0.0.1:${wide.port}/__faults`, {
          method: "POST",
          headers: { "X-API-Key": testApiKey, "Content-Type": "application/json", Host: `rebound.example:${wide.port}` },
          body: JSON.stringify({ error_rate: 1 }),
        });
        expect(rebound).toEqual({ status: 400, body: { detail: "Invalid host header" } });
        expect(wide.faults.error_rate).toBe(0);
      } finally {
        await wide.stop();
      }
    });
  });
});
