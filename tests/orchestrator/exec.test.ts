import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { demoUsers } from "../helpers/local-supabase.ts";
import { expectedPaths, processesWith, startTestOrchestrator, waitFor, type TestOrchestrator } from "../helpers/orchestrator.ts";

const alice = demoUsers.alice.id;
const marker = () => `${Math.floor(100 + Math.random() * 800)}.${randomBytes(3).readUIntBE(0, 3)}`;

// The same semantics must hold whether commands are jailed (bwrap, where it works) or not.
// Jailed, the home is /home/agent; unjailed, the host folder: in both, what the orchestrator
// reports is what commands see. Every command goes through production's wrapper, so stdout loses
// its trailing newlines whenever the command ends normally (not after `exit`), as in production.
describe.each(["auto", "none"] as const)("exec semantics (isolation setting %s)", (isolation) => {
  let orch: TestOrchestrator;
  let id: string;
  let home: string;

  beforeAll(async () => {
    orch = await startTestOrchestrator({ isolation, outputCapBytes: 4096 });
    id = await orch.createSandbox(alice);
    home = expectedPaths(orch, id).hot;
  });

  it("reports the home its commands see", async () => {
    if (isolation === "none") expect(orch.isolation).toBe("none");
    expect((await orch.api("GET", `/sandboxes/${id}`)).body).toMatchObject({ hot_path: home, cold_path: expectedPaths(orch, id).cold });
    expect(await orch.exec(id, 'echo "$HOME"; pwd')).toMatchObject({ stdout: `${home}\n${home}`, cwd: home });
  });
  afterAll(async () => {
    await orch?.stop();
  });

  it("keeps the working directory between execs: cd, then pwd", async () => {
    const first = await orch.exec(id, "mkdir -p projects/demo && cd projects/demo");
    expect(first).toMatchObject({ exit_code: 0, stdout: "", cwd: `${home}/projects/demo` });
    const second = await orch.exec(id, "pwd");
    expect(second).toMatchObject({ stdout: `${home}/projects/demo`, cwd: `${home}/projects/demo` });
    const back = await orch.exec(id, `cd / && cd '${first.cwd}' && pwd`);
    expect(back).toMatchObject({ exit_code: 0, stdout: `${home}/projects/demo`, cwd: `${home}/projects/demo` });
  });

  it("keeps the previous directory and the output's newlines when the command leaves with exit, as production does", async () => {
    await orch.exec(id, "cd ~");
    const answer = await orch.exec(id, "cd ~/projects && echo bye && exit 4");
    expect(answer).toEqual({ exit_code: 4, stdout: "bye\n", stderr: "", cwd: home });
    expect((await orch.exec(id, "pwd")).stdout).toBe(home);
  });

  it("runs in the cwd of the request instead, and stays there", async () => {
    await orch.exec(id, "mkdir -p ~/other && cd ~");
    const answer = await orch.exec(id, "pwd", { cwd: `${home}/other` });
    expect(answer).toMatchObject({ stdout: `${home}/other`, cwd: `${home}/other` });
    expect((await orch.exec(id, "true")).cwd).toBe(`${home}/other`);
    // The contract's /home/agent is accepted in both modes, and answered with the path commands see.
    expect(await orch.exec(id, "pwd", { cwd: "/home/agent/other" })).toMatchObject({ stdout: `${home}/other`, cwd: `${home}/other` });
    const missing = await orch.exec(id, "echo never", { cwd: `${home}/does-not-exist` });
    expect(missing.exit_code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/No such file or directory/);
    // Where a failed cd leaves the shell: the container's working directory, the home.
    expect(missing.cwd).toBe(home);
    await orch.exec(id, "cd ~");
  });

  it("returns exit codes and keeps stderr apart from stdout", async () => {
    expect((await orch.exec(id, "false")).exit_code).toBe(1);
    expect((await orch.exec(id, "exit 42")).exit_code).toBe(42);
    expect((await orch.exec(id, "no-such-program-here")).exit_code).toBe(127);
    expect((await orch.exec(id, "if then")).exit_code).toBe(2);
    const both = await orch.exec(id, "echo out; echo err >&2; echo out2");
    expect(both).toMatchObject({ exit_code: 0, stdout: "out\nout2", stderr: "err\n" });
  });

  it("gives commands a clean environment and keeps files between execs", async () => {
    const env = await orch.exec(id, "env | cut -d= -f1 | sort | tr '\\n' ' '");
    const names = env.stdout.trim().split(" ");
    for (const name of ["HOME", "LANG", "PATH", "TERM", "USER"]) expect(names).toContain(name);
    // Unjailed, every process of the sandbox carries its id, so that stop can find those that leave its session.
    const expected = [
      "HOME",
      "LANG",
      "PATH",
      "TERM",
      "USER",
      "PWD",
      "OLDPWD",
      "SHLVL",
      "_",
      ...(orch.isolation === "none" ? ["MATRX_SANDBOX_ID"] : []),
    ];
    expect(names.filter((n) => !expected.includes(n))).toEqual([]);
    expect((await orch.exec(id, "echo $SHLVL")).stdout).toBe("1");
    await orch.exec(id, "echo kept > ~/note.txt");
    expect((await orch.exec(id, "cat ~/note.txt")).stdout).toBe("kept");
  });

  it("kills a command past its timeout, children included, with exit code 124", async () => {
    const tag = marker();
    const call = orch.exec(id, `sleep ${tag} & sleep ${tag}; echo never`, { timeout: 2 });
    await waitFor(() => processesWith(`sleep ${tag}`).length === 2, "both sleeps to run");
    const answer = await call;
    expect(answer.exit_code).toBe(124);
    expect(answer.stdout).toBe("");
    expect(answer.stderr).toMatch(/timed out after 2 s/);
    expect(processesWith(`sleep ${tag}`)).toEqual([]);
  });

  it("keeps background processes that let go of the output running after the exec, until the sandbox stops", async () => {
    const victim = await orch.createSandbox(alice);
    const tag = marker();
    const answer = await orch.exec(
      victim,
      `(sleep ${tag} >/dev/null 2>&1 &) ; nohup sleep ${tag} >/dev/null 2>&1 & sleep 0.2; echo started`,
    );
    expect(answer.stdout).toBe("started");
    expect(processesWith(`sleep ${tag}`)).toHaveLength(2);
    expect((await orch.exec(victim, `pgrep -f -c "^sleep ${tag}"`)).stdout).toBe("2");
    expect((await orch.api("DELETE", `/sandboxes/${victim}?graceful=false`)).status).toBe(204);
    expect(processesWith(`sleep ${tag}`)).toEqual([]);
  });

  it("truncates output over the cap with a marker", async () => {
    const answer = await orch.exec(id, "head -c 10000 /dev/zero | tr '\\0' a; head -c 5000 /dev/zero | tr '\\0' b >&2");
    expect(answer.stdout.startsWith("a".repeat(4096))).toBe(true);
    expect(answer.stdout).toContain("[output truncated: 5904 more bytes not shown, limit is 4096 bytes]");
    expect(answer.stdout).not.toContain("aaaaa\naaaa");
    expect(answer.stderr).toContain("[output truncated: 904 more bytes not shown, limit is 4096 bytes]");
  });

  it("passes Unicode through and replaces invalid UTF-8", async () => {
    const unicode = await orch.exec(id, "printf 'héllo wörld ✓ 🚀 中文\\n'");
    expect(unicode.stdout).toBe("héllo wörld ✓ 🚀 中文");
    const binary = await orch.exec(id, "printf 'a\\xff\\xfeb\\x00c'");
    expect(binary.stdout).toBe("a\uFFFD\uFFFDb\u0000c");
    const command = await orch.exec(id, "echo 'ünïcödé in the command'");
    expect(command.stdout).toBe("ünïcödé in the command");
  });

  it("runs execs of one sandbox side by side: each waits for the other to have started", async () => {
    const tag = marker();
    // A rendezvous: neither can end unless the other runs at the same time.
    const [first, second] = await Promise.all([
      orch.exec(id, `touch meet-a-${tag}; until [ -e meet-b-${tag} ]; do sleep 0.05; done; echo a`, { timeout: 10 }),
      orch.exec(id, `touch meet-b-${tag}; until [ -e meet-a-${tag} ]; do sleep 0.05; done; echo b`, { timeout: 10 }),
    ]);
    expect([first.stdout, second.stdout, first.exit_code, second.exit_code]).toEqual(["a", "b", 0, 0]);
  });

  it("runs 20 execs in parallel over 5 sandboxes, all correct", async () => {
    const sandboxes = await Promise.all([0, 1, 2, 3, 4].map(() => orch.createSandbox(alice)));
    const calls = Array.from({ length: 20 }, (_, i) => ({ sandbox: sandboxes[i % 5]!, i }));
    const results = await Promise.all(
      calls.map(({ sandbox, i }) => orch.exec(sandbox, `echo ${i} >> mine.txt; echo ${sandbox}:${i}; echo e${i} >&2; exit ${i % 7}`)),
    );
    results.forEach((r, i) => {
      expect(r).toEqual({
        exit_code: i % 7,
        stdout: `${calls[i]!.sandbox}:${i}\n`,
        stderr: `e${i}\n`,
        cwd: expectedPaths(orch, calls[i]!.sandbox).hot,
      });
    });
    for (const [n, sandbox] of sandboxes.entries()) {
      // Execs of one sandbox run side by side: their lines come in any order.
      const lines = (await orch.exec(sandbox, "cat mine.txt")).stdout.trim().split("\n").map(Number);
      expect(lines.sort((a, b) => a - b)).toEqual([n, n + 5, n + 10, n + 15]);
    }
  });

  it("kills the command and its children when the caller closes the request", async () => {
    const tag = marker();
    const controller = new AbortController();
    const call = orch.api(
      "POST",
      `/sandboxes/${id}/exec`,
      { command: `sleep ${tag} & sleep ${tag}`, timeout: 600 },
      { signal: controller.signal },
    );
    await waitFor(() => processesWith(`sleep ${tag}`).length === 2, "the command to start");
    controller.abort();
    await expect(call).rejects.toThrow();
    await waitFor(() => processesWith(`sleep ${tag}`).length === 0, "the command to be killed");
    expect((await orch.exec(id, "echo next")).stdout).toBe("next");
  });

  it("never starts a command whose caller gave up during injected latency", async () => {
    const tag = marker();
    const controller = new AbortController();
    await orch.setFaults({ latency_ms: 800 });
    try {
      const call = orch.api(
        "POST",
        `/sandboxes/${id}/exec`,
        { command: `touch ~/late-${tag}; sleep ${tag}`, timeout: 600 },
        { signal: controller.signal },
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      controller.abort();
      await expect(call).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(processesWith(`sleep ${tag}`)).toEqual([]);
      // Seen as a closed request, not stumbled over later as an error reading a dead request's body.
      expect(orch.logs.filter((line) => line.startsWith("unhandled error"))).toEqual([]);
    } finally {
      await orch.setFaults({ reset: true });
    }
    expect((await orch.exec(id, `test -e ~/late-${tag} && echo started || echo never`)).stdout).toBe("never");
  });

  it("kills what a sandbox runs when it is destroyed", async () => {
    const victim = await orch.createSandbox(alice);
    const tag = marker();
    const call = orch.api("POST", `/sandboxes/${victim}/exec`, { command: `sleep ${tag}`, timeout: 600 });
    await waitFor(() => processesWith(`sleep ${tag}`).length === 1, "the command to start");
    expect((await orch.api("DELETE", `/sandboxes/${victim}?graceful=false`)).status).toBe(204);
    expect((await call).body.exit_code).toBe(137);
    expect(processesWith(`sleep ${tag}`)).toEqual([]);
  });

  it("keeps each sandbox's files in its own directory under the data dir", async () => {
    await orch.exec(id, "echo on-disk > ~/disk.txt");
    const file = path.join(orch.dataDir, id, "home", "disk.txt");
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("on-disk\n");
  });
});
