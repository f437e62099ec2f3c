import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrchestratorClient } from "@/lib/orchestrator/client";
import { OrchestratorError } from "@/lib/orchestrator/errors";
import { apiErrorForOrchestrator } from "@/lib/api/api-error-for-orchestrator";

// A loopback server answering whatever the test sets, to reach answers the local
// orchestrator never gives the dashboard (it validates as the dashboard does).
let next: { status: number; body: string };
let seen: { method?: string; url?: string; key?: string; body?: string };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      seen = { method: request.method, url: request.url, key: request.headers["x-api-key"] as string, body };
      response.writeHead(next.status, { "content-type": "application/json" }).end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => createOrchestratorClient({ baseUrl, apiKey: "k-123", timeoutMs: 1_000 });
const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OrchestratorError);
  return error as OrchestratorError;
};

describe("the orchestrator client", () => {
  it("sends the key and the contract's body, and returns the typed answer", async () => {
    next = { status: 200, body: JSON.stringify({ exit_code: 0, stdout: "x\n", stderr: "", cwd: "/home/agent" }) };
    const result = await client().exec("sbx-0123456789ab", { command: "echo x", timeout: 5 });
    expect(result).toEqual({ exit_code: 0, stdout: "x\n", stderr: "", cwd: "/home/agent" });
    expect(seen).toMatchObject({ method: "POST", url: "/sandboxes/sbx-0123456789ab/exec", key: "k-123" });
    expect(JSON.parse(seen.body!)).toEqual({ command: "echo x", timeout: 5, cwd: null });
  });

  it("turns a 422 list into a 400 for the user with the orchestrator's message", async () => {
    next = {
      status: 422,
      body: JSON.stringify({
        detail: [{ loc: ["body", "command"], msg: "String should have at least 1 character", type: "string_too_short" }],
      }),
    };
    const failure = await failureOf(client().exec("sbx-0123456789ab", { command: "", timeout: 5 }));
    expect(failure).toMatchObject({ kind: "rejected", upstreamStatus: 422 });
    const api = apiErrorForOrchestrator(failure);
    expect(api).toMatchObject({ status: 400, code: "validation" });
    expect(api.message).toContain("String should have at least 1 character");
  });

  it("turns a 400 (no container) into a 409 conflict", async () => {
    next = { status: 400, body: JSON.stringify({ detail: "Sandbox has no container" }) };
    const api = apiErrorForOrchestrator(await failureOf(client().exec("sbx-0123456789ab", { command: "pwd", timeout: 5 })));
    expect(api).toMatchObject({ status: 409, code: "conflict" });
    expect(api.message).toContain("Sandbox has no container");
  });

  it("tells a 404, a 401, a 5xx with a detail and a 200 that breaks the contract apart", async () => {
    next = { status: 404, body: JSON.stringify({ detail: "Sandbox sbx-0123456789ab not found" }) };
    expect(await failureOf(client().exec("sbx-0123456789ab", { command: "pwd", timeout: 5 }))).toMatchObject({ kind: "not_found" });
    next = { status: 401, body: JSON.stringify({ detail: "Missing API key." }) };
    expect(await failureOf(client().exec("sbx-0123456789ab", { command: "pwd", timeout: 5 }))).toMatchObject({ kind: "misconfigured" });
    next = { status: 503, body: JSON.stringify({ detail: "Docker daemon unavailable" }) };
    const server5xx = await failureOf(client().exec("sbx-0123456789ab", { command: "pwd", timeout: 5 }));
    expect(server5xx).toMatchObject({ kind: "server_error", message: "Docker daemon unavailable", upstreamStatus: 503 });
    next = { status: 200, body: JSON.stringify({ exit_code: 0 }) };
    expect(await failureOf(client().exec("sbx-0123456789ab", { command: "pwd", timeout: 5 }))).toMatchObject({ kind: "malformed" });
  });

  it("says what a plain-text 500 says (production's create without its storage bucket)", async () => {
    next = { status: 500, body: "Internal Server Error" };
    const failure = await failureOf(client().createSandbox("6f1c7c1e-0000-4000-8000-000000000000", {}));
    expect(failure).toMatchObject({ kind: "server_error", upstreamStatus: 500 });
    const api = apiErrorForOrchestrator(failure);
    expect(api).toMatchObject({
      status: 502,
      code: "orchestrator_error",
      message: "The sandbox service failed: HTTP 500: Internal Server Error",
    });
  });

  it("reports a server that is not there as unavailable", async () => {
    const gone = createOrchestratorClient({ baseUrl: "http://127.0.0.1:9", apiKey: "k", timeoutMs: 1_000 });
    expect(await failureOf(gone.exec("sbx-0123456789ab", { command: "pwd", timeout: 5 }))).toMatchObject({ kind: "unavailable" });
  });

  it("tells a service that went away under a sent request (dropped) from one never reached", async () => {
    // As a killed process: the request arrives, the connection closes with no answer.
    const dying = createServer((request) => request.on("data", () => request.socket.destroy()));
    await new Promise<void>((resolve) => dying.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(dying.address() as AddressInfo).port}`;
      const dropped = createOrchestratorClient({ baseUrl: url, apiKey: "k", timeoutMs: 1_000 });
      const error = await failureOf(dropped.exec("sbx-0123456789ab", { command: "pwd", timeout: 5 }));
      expect(error).toMatchObject({ kind: "dropped" });
      expect(apiErrorForOrchestrator(error)).toMatchObject({ code: "orchestrator_unavailable", status: 502 });
      expect(apiErrorForOrchestrator(error).message).toMatch(/may or may not have happened/);
    } finally {
      dying.closeAllConnections();
      await new Promise<void>((resolve) => dying.close(() => resolve()));
    }
  });
});
