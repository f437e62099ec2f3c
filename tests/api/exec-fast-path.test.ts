import { beforeAll, describe, expect, it } from "vitest";
import { apiStackSettings, newUser, rowById, serviceDb, stack, type ApiCaller } from "./stack.ts";

// The exec route remembers, per user, a sandbox whose row it has just read through RLS, and sends
// the next commands straight to the orchestrator (lib/sandbox/exec-targets.ts). These are the
// answers that memory must not change.

let owner: ApiCaller;
let stranger: ApiCaller;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([newUser(), newUser()]);
});

async function readySandbox(): Promise<{ id: string; sandbox_id: string }> {
  const created = await owner.request("POST", "/api/sandbox", {});
  expect(created.status).toBe(201);
  return created.body.instance;
}

const exec = (caller: ApiCaller, id: string, command: string) => caller.request("POST", `/api/sandbox/${id}/exec`, { command });

describe("commands sent one after another to the same sandbox", () => {
  it("never run for another user, even right after the owner's", async () => {
    const sandbox = await readySandbox();
    expect((await exec(owner, sandbox.id, "true")).status).toBe(200);

    const theirs = await exec(stranger, sandbox.id, "touch ~/pwned");
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("not_found");

    const check = await exec(owner, sandbox.id, "ls -a ~");
    expect(check.status).toBe(200);
    expect(check.body.stdout).not.toContain("pwned");
  });

  it("are refused with the sandbox's status once it was stopped elsewhere, and its row keeps why it stopped", async () => {
    const sandbox = await readySandbox();
    expect((await exec(owner, sandbox.id, "true")).status).toBe(200);

    // Stopped behind this server's back (another server of the dashboard, or the orchestrator's sweeper).
    const destroyed = await fetch(`${stack().orchestratorUrl}/sandboxes/${sandbox.sandbox_id}?graceful=false`, {
      method: "DELETE",
      headers: { "X-API-Key": apiStackSettings.orchestratorApiKey },
    });
    expect(destroyed.status).toBe(204);
    const { error } = await serviceDb()
      .from("sandbox_instances")
      .update({ status: "stopped", stopped_at: new Date().toISOString(), stop_reason: "user_requested" })
      .eq("id", sandbox.id);
    expect(error).toBeNull();

    const answer = await exec(owner, sandbox.id, "true");
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: "conflict", details: { status: "stopped" } });
    expect(answer.body.error.message).toContain("stopped");
    expect(await rowById(sandbox.id)).toMatchObject({ status: "stopped", stop_reason: "user_requested" });
  });

  it("answer 404 once the sandbox was deleted, like any unknown id", async () => {
    const sandbox = await readySandbox();
    expect((await exec(owner, sandbox.id, "true")).status).toBe(200);
    expect((await owner.request("DELETE", `/api/sandbox/${sandbox.id}`)).status).toBe(204);

    const answer = await exec(owner, sandbox.id, "true");
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("not_found");
  });
});
