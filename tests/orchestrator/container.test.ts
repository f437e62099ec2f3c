import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portForSandboxServer } from "../helpers/free-port.ts";
import { demoUsers } from "../helpers/local-supabase.ts";
import { expectedPaths, processesWith, startTestOrchestrator, waitFor, type TestOrchestrator } from "../helpers/orchestrator.ts";

const alice = demoUsers.alice.id;
const marker = () => `${Math.floor(100 + Math.random() * 800)}.${randomBytes(3).readUIntBE(0, 3)}`;
const hasPython = spawnSync("python3", ["--version"]).status === 0;

// A sandbox is one long-lived container, as in production: what one command leaves (files in /tmp,
// background processes, servers) is there for the next, until the sandbox stops, which ends all of it.
describe.each(["auto", "none"] as const)("the sandbox's container (isolation setting %s)", (isolation) => {
  let orch: TestOrchestrator;
  let id: string;

  beforeAll(async () => {
    orch = await startTestOrchestrator({ isolation });
    id = await orch.createSandbox(alice);
  });
  afterAll(async () => {
    await orch?.stop();
  });

  it("keeps files in /tmp between execs", async () => {
    const file = `/tmp/x-${randomBytes(4).toString("hex")}`;
    expect(await orch.exec(id, `touch ${file}`)).toMatchObject({ exit_code: 0 });
    expect(await orch.exec(id, `ls ${file}`)).toMatchObject({ exit_code: 0, stdout: file });
  });

  it("keeps a background process running into the next exec, which sees it", async () => {
    const tag = marker();
    const started = await orch.exec(id, `sleep ${tag} >/dev/null 2>&1 & echo $!`);
    expect(started.exit_code).toBe(0);
    const pid = started.stdout;
    expect(await orch.exec(id, `kill -0 ${pid} && echo alive`)).toMatchObject({ stdout: "alive" });
    const ps = await orch.exec(id, "ps -eo pid=,args=");
    expect(ps.stdout).toContain(`sleep ${tag}`);
    if (orch.isolation === "bwrap") {
      // One pid namespace per sandbox: its own processes, none of the host's.
      expect(ps.stdout).not.toMatch(/node|vitest/);
      expect(ps.stdout.split("\n").length).toBeLessThan(10);
    }
    expect(processesWith(`sleep ${tag}`)).toHaveLength(1);
  });

  it("serves from a background server to the next exec", async ({ skip }) => {
    if (!hasPython) skip("python3 is not installed");
    const p = await portForSandboxServer();
    const started = await orch.exec(id, `python3 -m http.server ${p} --bind 127.0.0.1 >/dev/null 2>&1 & echo ok`);
    expect(started).toMatchObject({ exit_code: 0, stdout: "ok" });
    // curl where the sandbox has it, else bash's /dev/tcp; both retry while the server starts (bounded).
    const fetchPage = `for i in $(seq 100); do if command -v curl >/dev/null; then curl -s localhost:${p}/ && break; else exec 3<>/dev/tcp/127.0.0.1/${p} 2>/dev/null && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3 && break; fi; sleep 0.1; done`;
    const page = await orch.exec(id, fetchPage, { timeout: 30 });
    expect(page.stdout).toMatch(/Directory listing/);
  });

  it("holds an exec while a background job keeps its output open, as docker exec does", async () => {
    const tag = randomBytes(4).toString("hex");
    const home = expectedPaths(orch, id).hot;
    const answer = await orch.exec(id, `(sleep 1; touch ~/held-${tag}) & echo early`);
    expect(answer).toMatchObject({ exit_code: 0, stdout: "early", cwd: home });
    expect(existsSync(path.join(orch.dataDir, id, "home", `held-${tag}`))).toBe(true);
  });

  it("with the timeout enforced, kills a background job that holds the output past it", async () => {
    const tag = marker();
    const answer = await orch.exec(id, `sleep ${tag} & echo started`, { timeout: 1 });
    expect(answer.exit_code).toBe(124);
    expect(answer.stderr).toMatch(/timed out after 1 s/);
    await waitFor(() => processesWith(`sleep ${tag}`).length === 0, "the job to be killed");
  });

  it("ends every process when the sandbox stops: background, detached and holding ones", async () => {
    const victim = await orch.createSandbox(alice);
    const tag = marker();
    await orch.exec(victim, `sleep ${tag} >/dev/null 2>&1 & setsid sleep ${tag} >/dev/null 2>&1 < /dev/null & true`);
    await waitFor(() => processesWith(`sleep ${tag}`).length === 2, "both sleeps to run");
    const holding = orch.exec(victim, `sleep ${tag} & true`, { timeout: 600 });
    await waitFor(() => processesWith(`sleep ${tag}`).length === 3, "the holding sleep to run");
    expect((await orch.api("DELETE", `/sandboxes/${victim}`)).status).toBe(204);
    expect(processesWith(`sleep ${tag}`)).toEqual([]);
    // The command itself had ended (0); only its job held the output open, until the stop.
    expect(await holding).toMatchObject({ exit_code: 0, stdout: "" });
    const after = await orch.api("POST", `/sandboxes/${victim}/exec`, { command: "true" });
    expect(after.status).toBe(500);
  });

  it("answers 400 for user root, which one container cannot serve", async () => {
    const answer = await orch.api("POST", `/sandboxes/${id}/exec`, { command: "id -u", user: "root" });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toMatch(/User 'root' is not available/);
  });

  it("ends every sandbox's processes when the orchestrator shuts down", async () => {
    const other = await startTestOrchestrator({ isolation });
    const tag = marker();
    try {
      const sandbox = await other.createSandbox(alice);
      await other.exec(sandbox, `sleep ${tag} >/dev/null 2>&1 & setsid sleep ${tag} >/dev/null 2>&1 < /dev/null & true`);
      await waitFor(() => processesWith(`sleep ${tag}`).length === 2, "both sleeps to run");
    } finally {
      await other.stop();
    }
    expect(processesWith(`sleep ${tag}`)).toEqual([]);
  });
});

// Production's exec faults, switched on: the timeout is never applied, and one exec at a time is
// served for the whole orchestrator, /health included.
describe.each(["auto", "none"] as const)("with production's behaviour on (isolation setting %s)", (isolation) => {
  let orch: TestOrchestrator;
  let id: string;
  let home: string;

  beforeAll(async () => {
    orch = await startTestOrchestrator({ isolation, outputCapBytes: 4096, faults: { exec_timeout: "ignore", serial: true } });
    id = await orch.createSandbox(alice);
    home = path.join(orch.dataDir, id, "home");
  });
  afterAll(async () => {
    await orch?.stop();
  });

  it("says so in /health and the start-up log", async () => {
    expect((await orch.api("GET", "/health")).body.production_behaviour).toEqual({
      exec_timeout: "ignored",
      serial_exec: true,
      create_error: false,
    });
    expect(orch.logs.join("\n")).toMatch(/production behaviour: exec timeout ignored .*; one exec at a time/);
  });

  it("lets a command run past its timeout and answers its own exit code", async () => {
    const tag = randomBytes(4).toString("hex");
    const answer = await orch.exec(id, `sleep 3; touch ~/slept-${tag}`, { timeout: 1 });
    expect(answer).toMatchObject({ exit_code: 0, stdout: "", stderr: "" });
    expect(existsSync(path.join(home, `slept-${tag}`))).toBe(true);
  });

  it("does not stop a command whose caller went away", async () => {
    const tag = randomBytes(4).toString("hex");
    const controller = new AbortController();
    const call = orch.api(
      "POST",
      `/sandboxes/${id}/exec`,
      { command: `sleep 1; touch ~/after-${tag}`, timeout: 1 },
      { signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await expect(call).rejects.toThrow();
    await waitFor(() => existsSync(path.join(home, `after-${tag}`)), "the command to finish on its own");
  });

  it("serves nothing else while an exec runs: /health, another sandbox's exec and a list wait for it", async () => {
    const other = await orch.createSandbox(alice);
    const tag = randomBytes(4).toString("hex");
    const done = path.join(home, `serial-${tag}`);
    const long = orch.exec(id, `sleep 2; touch ~/serial-${tag}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = await Promise.all([
      orch.api("GET", "/health").then(() => existsSync(done)),
      orch.exec(other, "true").then(() => existsSync(done)),
      orch.api("GET", "/sandboxes").then(() => existsSync(done)),
    ]);
    expect(seen).toEqual([true, true, true]);
    expect((await long).exit_code).toBe(0);
  });

  it("returns the whole output, uncapped", async () => {
    const answer = await orch.exec(id, "head -c 2000000 /dev/zero | tr '\\0' a; echo; echo end");
    expect(answer.stdout).toBe(`${"a".repeat(2_000_000)}\nend`);
  });

  it("answers a command that kills every process it can, and the sandbox goes on (jailed: its init is the supervisor)", async ({
    skip,
  }) => {
    if (orch.isolation !== "bwrap") skip("unjailed, kill -9 -1 reaches every process of the uid: the sandbox is not isolated");
    const tag = marker();
    await orch.exec(id, `sleep ${tag} >/dev/null 2>&1 & true`);
    const answer = await orch.exec(id, "kill -9 -1; echo still here");
    expect(answer.stdout).toBe("still here");
    expect(processesWith(`sleep ${tag}`)).toEqual([]);
    expect(await orch.exec(id, "echo ok")).toMatchObject({ exit_code: 0, stdout: "ok" });
  });

  it("keeps a background job that holds the output holding the exec until it ends", async () => {
    const answer = await orch.exec(id, "sleep 2 & echo started", { timeout: 1 });
    expect(answer).toMatchObject({ exit_code: 0, stdout: "started" });
  });
});

describe("production's create without storage", () => {
  it("answers a plain-text 500 and creates nothing, when switched on", async () => {
    const orch = await startTestOrchestrator();
    try {
      await orch.setFaults({ create_error: true });
      expect((await orch.api("GET", "/health")).body.production_behaviour).toMatchObject({ create_error: true });
      const answer = await orch.api("POST", "/sandboxes", { user_id: alice, config: {} }).catch((error: Error) => error);
      expect(answer).toBeInstanceOf(Error); // the helper parses JSON: the body is not JSON
      const raw = await fetch(`${orch.url}/sandboxes`, {
        method: "POST",
        headers: { "X-API-Key": "test-orchestrator-key", "Content-Type": "application/json" },
        body: JSON.stringify({ user_id: alice, config: {} }),
      });
      expect(raw.status).toBe(500);
      expect(raw.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await raw.text()).toBe("Internal Server Error");
      expect((await orch.api("GET", "/sandboxes")).body.total).toBe(0);
      // Validation still comes first, as pydantic's does.
      expect((await orch.api("POST", "/sandboxes", { user_id: "nope" })).status).toBe(422);
      await orch.setFaults({ reset: true });
      expect((await orch.api("POST", "/sandboxes", { user_id: alice, config: {} })).status).toBe(201);
    } finally {
      await orch.stop();
    }
  });
});
