import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { newUser, resetFaults, setFaults, type ApiCaller } from "./stack.ts";

// Two tabs, two server instances, or the terminal beside a Files view: commands to one sandbox at
// the same time. The dashboard holds no lock of its own; the orchestrator decides.
let user: ApiCaller;
let sandboxId: string;
beforeAll(async () => {
  user = await newUser();
  sandboxId = (await user.request("POST", "/api/sandbox", {})).body.instance.id;
});
afterAll(async () => {
  await resetFaults();
});

const exec = (command: string) => user.request("POST", `/api/sandbox/${sandboxId}/exec`, { command, timeout: 10 });

describe("two commands sent to one sandbox at once", () => {
  it("run side by side where the orchestrator allows it: neither waits for the other", async () => {
    const tag = randomBytes(4).toString("hex");
    // A rendezvous: each ends only once the other has started, so both answering proves they overlapped.
    const [first, second] = await Promise.all([
      exec(`touch /tmp/a-${tag}; until [ -e /tmp/b-${tag} ]; do sleep 0.05; done; echo first`),
      exec(`touch /tmp/b-${tag}; until [ -e /tmp/a-${tag} ]; do sleep 0.05; done; echo second`),
    ]);
    expect([first.status, first.body]).toMatchObject([200, { exit_code: 0, stdout: "first\n" }]);
    expect([second.status, second.body]).toMatchObject([200, { exit_code: 0, stdout: "second\n" }]);
  });

  it("take turns on an orchestrator serving one exec at a time (production): both answer, one after the other", async () => {
    await setFaults({ serial: true });
    const log = `/tmp/turns-${randomBytes(4).toString("hex")}`;
    const [slow, quick] = await Promise.all([
      exec(`echo slow-start >> ${log}; sleep 1; echo slow-end >> ${log}`),
      exec(`echo quick-start >> ${log}; echo quick-end >> ${log}`),
    ]);
    expect([slow.status, quick.status]).toEqual([200, 200]);
    const order = (await exec(`cat ${log}`)).body.stdout.trim().replaceAll("\n", " ");
    expect(order).toMatch(/^(slow-start slow-end quick-start quick-end|quick-start quick-end slow-start slow-end)$/);
  });
});
