import { beforeAll, describe, expect, it } from "vitest";
import { createSandboxApi, SandboxApiError, type SandboxApi } from "@/lib/sandbox/api-client";
import { newUser, stack, type ApiCaller } from "./stack.ts";

let user: ApiCaller;
let api: SandboxApi;
let requests = 0;

beforeAll(async () => {
  user = await newUser();
  // What the browser adds by itself: the session cookies and the page's origin.
  api = createSandboxApi({
    baseUrl: stack().appUrl,
    fetch: (input, init) => {
      requests++;
      return fetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), cookie: user.cookie, origin: stack().appUrl },
      });
    },
  });
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a SandboxApiError");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(SandboxApiError);
      return error as SandboxApiError;
    },
  );

describe("the browser's API client against the real routes", () => {
  it("creates, lists, runs a command in, stops and deletes a sandbox", async () => {
    const created = await api.create({ ttl_seconds: 600 });
    expect(created).toMatchObject({ status: "ready", ttl_seconds: 600 });
    const listed = await api.list({ status: ["ready", "running"] });
    expect(listed.instances.map((i) => i.id)).toEqual([created.id]);
    expect((await api.get(created.id)).sandbox_id).toBe(created.sandbox_id);
    expect(await api.exec(created.id, { command: "echo $((6 * 7))" })).toMatchObject({ exit_code: 0, stdout: "42\n" });
    expect(await api.stop(created.id)).toMatchObject({ status: "stopped", stop_reason: "user_requested" });
    await api.remove(created.id);
    const gone = await failure(api.get(created.id));
    expect(gone).toMatchObject({ status: 404, code: "not_found", message: "No such sandbox." });
  });

  it("refuses bad input before sending it, with the message the server gives for it", async () => {
    const { id } = await api.create();
    const before = requests;
    const local = await failure(api.exec(id, { command: "" }));
    expect(requests).toBe(before);
    const server = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "" });
    expect(local).toMatchObject({ status: 400, code: "validation", message: server.body.error.message });
    expect(local.details).toEqual(server.body.error.details);
    await expect(api.create({ ttl_seconds: 10 })).rejects.toMatchObject({
      code: "validation",
      message: "ttl_seconds must be at least 60 seconds",
    });
  });

  it("turns a server that cannot be reached into a network error with a message to show", async () => {
    const offline = createSandboxApi({ baseUrl: "http://127.0.0.1:9" });
    expect(await failure(offline.list())).toMatchObject({ status: 0, code: "network" });
  });
});
