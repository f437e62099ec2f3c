import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processesWith, waitFor } from "../../helpers/orchestrator.ts";
import { killOrchestrator, newUser, rowById, serviceDb, startOrchestrator, type ApiCaller } from "../../api/stack.ts";

/**
 * The orchestrator's process SIGKILLed in the middle of a create, an exec, a stop and a delete,
 * then started again: the API says at once what happened, and once it is back every row is in a
 * state the user can work from.
 */
let user: ApiCaller;
beforeAll(async () => {
  user = await newUser();
});

// Whatever failed, the next file finds the orchestrator running.
afterAll(async () => {
  await startOrchestrator();
});

const rowsOf = async () =>
  (await serviceDb().from("sandbox_instances").select("id, sandbox_id, status, stop_reason, config").eq("user_id", user.id!)).data!;

const reservations = async () =>
  (await serviceDb().from("sandbox_create_reservations").select("id", { count: "exact", head: true }).eq("user_id", user.id!)).count;

/** The state the issue asks for once the orchestrator is back: nothing duplicated, stuck, held or running. */
async function expectSettled(markers: string[]) {
  const rows = await rowsOf();
  const ids = rows.map((row) => row.sandbox_id);
  expect(new Set(ids).size, "no duplicated sandbox_id").toBe(ids.length);
  expect(
    rows.filter((row) => ["creating", "starting", "shutting_down"].includes(row.status)),
    "no row stuck in transition",
  ).toEqual([]);
  expect(
    rows.filter((row) => JSON.stringify(row.config).match(/ttl_seconds|dashboard_reservation_id/)),
    "no internal config key",
  ).toEqual([]);
  expect(await reservations(), "no slot reservation held").toBe(0);
  for (const marker of markers) expect(processesWith(marker), `no process left of ${marker}`).toEqual([]);
}

async function createReady(): Promise<{ id: string; sandbox_id: string }> {
  const answer = await user.request("POST", "/api/sandbox", {});
  expect(answer.status).toBe(201);
  return answer.body.instance;
}

/** A process in the sandbox that outlives the exec: it must end when the sandbox does. */
async function startBackgroundJob(id: string): Promise<string> {
  const marker = `sleep 3600.${Math.floor(Math.random() * 1e6)}`;
  const answer = await user.request("POST", `/api/sandbox/${id}/exec`, { command: `${marker} >/dev/null 2>&1 &` });
  expect(answer.status).toBe(200);
  expect(processesWith(marker)).toHaveLength(1);
  return marker;
}

describe("the orchestrator killed (SIGKILL) mid-action and started again", () => {
  it.each(["creating", "starting"] as const)(
    "during a create (row %s): 502 orchestrator_unavailable, the half-made row is failed at once and the slot free",
    async (phase) => {
      const before = new Set((await rowsOf()).map((row) => row.id));
      const creating = user.request("POST", "/api/sandbox", { ttl_seconds: 600 });
      const half = await waitFor(
        async () => (await rowsOf()).find((row) => !before.has(row.id) && row.status === phase),
        `the orchestrator's ${phase} row`,
      );
      await killOrchestrator();
      const answer = await creating;
      expect(answer.status).toBe(502);
      expect(answer.body.error).toMatchObject({
        code: "orchestrator_unavailable",
        message: expect.stringMatching(/stopped answering while your sandbox was being created.*not created/),
      });
      // Before any restart: the create's failure ended the row it left and gave the slot back.
      expect(await rowById(half.id)).toMatchObject({ status: "failed", stop_reason: "error" });
      expect((await rowById(half.id))!.config).toEqual({});
      expect(await reservations()).toBe(0);

      await startOrchestrator();
      expect(await rowById(half.id)).toMatchObject({ status: "failed" });
      await expectSettled([]);
      // The failed row holds no slot: creates work again at once.
      await createReady();
    },
  );

  // The local orchestrator's delete (no sync) has no pause between its steps to be killed in: a
  // delete is sent while it is down, beside the exec it was killed in.
  it("during an exec: 502; a delete while it is down: 502 and the row kept; once it is back both sandboxes are stopped with nothing left running, and the delete goes through", async () => {
    const sandbox = await createReady();
    const other = await createReady();
    const marker = await startBackgroundJob(sandbox.id);
    const otherMarker = await startBackgroundJob(other.id);
    const command = `sleep 30.${Math.floor(Math.random() * 1e6)}`;
    const running = user.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command, timeout: 60 });
    await waitFor(() => processesWith(command).length > 0 || undefined, "the command to run");
    await killOrchestrator();
    const answer = await running;
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatchObject({
      code: "orchestrator_unavailable",
      message: expect.stringMatching(/stopped answering while your command ran/),
    });
    // Down: the next command and a delete are told so at once, and the rows are left as they were.
    const meanwhile = await user.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command: "true" });
    expect(meanwhile.status).toBe(502);
    expect(meanwhile.body.error).toMatchObject({ code: "orchestrator_unavailable", message: expect.stringMatching(/not reachable/) });
    const deleted = await user.request("DELETE", `/api/sandbox/${other.id}`);
    expect(deleted.status).toBe(502);
    expect(deleted.body.error.code).toBe("orchestrator_unavailable");
    expect(await rowById(sandbox.id)).toMatchObject({ status: "ready" });
    expect(await rowById(other.id)).toMatchObject({ status: "ready" });

    // The orchestrator's start-up reconcile: the rows' containers are gone, so they are stopped (error).
    await startOrchestrator();
    expect(await rowById(sandbox.id)).toMatchObject({ status: "stopped", stop_reason: "error" });
    const after = await user.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command: "true" });
    expect(after.status).toBe(409);
    expect(after.body.error.message).toMatch(/commands run only while it is ready or running/);
    const deletedAgain = await user.request("DELETE", `/api/sandbox/${other.id}`);
    expect(deletedAgain.status).toBe(204);
    expect(await rowById(other.id)).toBeNull();
    await expectSettled([marker, otherMarker, command]);
  });

  it("during a stop: 502, the row waits in shutting_down, and once it is back it is stopped with nothing left running", async () => {
    const sandbox = await createReady();
    const marker = await startBackgroundJob(sandbox.id);
    // A graceful stop waits a step (the sync) between shutting_down and the kill.
    const stopping = user.request("PATCH", `/api/sandbox/${sandbox.id}`, { action: "stop" });
    await waitFor(async () => (await rowById(sandbox.id))?.status === "shutting_down" || undefined, "shutting_down");
    await killOrchestrator();
    const answer = await stopping;
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatchObject({
      code: "orchestrator_unavailable",
      message: expect.stringMatching(/stopped answering before the stop finished.*stopped once the service is back/),
    });
    expect(await rowById(sandbox.id)).toMatchObject({ status: "shutting_down" });

    await startOrchestrator();
    expect(await rowById(sandbox.id)).toMatchObject({ status: "stopped", stop_reason: "error" });
    // Stopping again is the success that changes nothing.
    const again = await user.request("PATCH", `/api/sandbox/${sandbox.id}`, { action: "stop" });
    expect(again.status).toBe(200);
    await expectSettled([marker]);
  });
});
