import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { OrchestratorClient } from "@/lib/orchestrator/client";
import type { ExecRequest } from "@/lib/orchestrator/contract";
import { maxCommandLength, orchestratorMaxCommandLength } from "@/lib/sandbox/request-limits";
import { codePointLength } from "@/lib/sandbox/code-point-length";
import { runShellCommand } from "@/lib/sandbox/shell/run-shell-command";
import { toolShellRequest } from "@/lib/sandbox/shell/tool-shell-request";
import { productionExec } from "./production-bash";

/**
 * The dashboard's exec semantics on an orchestrator that behaves as production does: its wrapper
 * text, its stdout strip and its ignored timeout, run with real bash (production-bash.ts).
 * Each case is also what a user typing it in the terminal sees.
 */
const sent: ExecRequest[] = [];
const production = {
  exec: async (_id: string, request: ExecRequest) => {
    sent.push(request);
    // Production validates the length in code points before it wraps.
    if (codePointLength(request.command) > orchestratorMaxCommandLength) throw new Error("422: command too long");
    return productionExec(request.command, request.cwd ?? "/");
  },
} as unknown as OrchestratorClient;

const home = mkdtempSync(path.join(tmpdir(), "shell-home-"));
const started: number[] = [];
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // ended
    }
  }
  rmSync(home, { recursive: true, force: true });
});

const run = (command: string, options: { timeout?: number; cwd?: string } = {}) =>
  runShellCommand(production, "sbx-000000000000", { command, timeout: options.timeout ?? 30, cwd: options.cwd ?? home });

describe("commands production's wrapper cannot take as typed run as in a shell", () => {
  it.each([
    ["ls # a comment", "ls -d . # a comment", ".\n"],
    ["a trailing &", "true &", ""],
    ["a pasted heredoc", "cat <<EOF\nline one\n  line two\nEOF", "line one\n  line two\n"],
    ["a trailing newline", "echo hi\n", "hi\n"],
    ["several lines", "echo a\necho b\n\n", "a\nb\n"],
    ["quotes and substitutions", `echo "it's $(echo 'x y')" \`echo z\``, "it's x y z\n"],
    ["text that looks like our delimiter", "echo __MATRX_ __MATRX_abc", "__MATRX_ __MATRX_abc\n"],
  ])("%s", async (_name, command, stdout) => {
    const result = await run(command);
    expect(result).toMatchObject({ exit_code: 0, stdout, stderr: "" });
  });
});

describe("output arrives exactly", () => {
  it("keeps trailing newlines that production strips", async () => {
    expect((await run("printf 'a\\n\\n\\n'")).stdout).toBe("a\n\n\n");
    expect((await run("printf 'no newline'")).stdout).toBe("no newline");
    expect((await run("true")).stdout).toBe("");
  });

  it("keeps stdout and stderr apart, each whole", async () => {
    expect(await run("echo out; echo err >&2")).toMatchObject({ exit_code: 0, stdout: "out\n", stderr: "err\n" });
  });

  it("passes unicode through and replaces invalid UTF-8 as production's decoder does", async () => {
    expect((await run("echo 'héllo ✓ 🎉 日本'")).stdout).toBe("héllo ✓ 🎉 日本\n");
    expect((await run("printf 'a\\xff\\xfeb\\n'")).stdout).toBe("a\uFFFD\uFFFDb\n");
  });

  it("a view's command (files, processes) leaves the sandbox's working directory where the terminal left it", async () => {
    const answer = await runShellCommand(
      production,
      "sbx-000000000000",
      toolShellRequest({ command: "cd /tmp && pwd; exit 4", timeout: 30, cwd: home }),
    );
    expect(answer).toMatchObject({ stdout: "/tmp\n", exit_code: 4 });
    // Production records where the script ended as the sandbox's cwd; it sent none, so that is "/" here.
    expect(sent.at(-1)!.cwd).toBeNull();
    expect(answer.cwd).toBe("/");
  });

  it("gives the exit code of the command, exit N included, and keeps the cwd then", async () => {
    expect(await run("false")).toMatchObject({ exit_code: 1, stdout: "" });
    expect(await run("echo bye; exit 3", { cwd: "/tmp" })).toMatchObject({ exit_code: 3, stdout: "bye\n", cwd: "/tmp" });
    expect(await run("cd /tmp && exit 4")).toMatchObject({ exit_code: 4, cwd: "/tmp" });
  });

  it("tracks cd, and a request's cwd", async () => {
    expect((await run("cd /tmp")).cwd).toBe("/tmp");
    expect((await run("pwd", { cwd: "/usr" })).stdout).toBe("/usr\n");
    expect((await run("cd 'dir with space' 2>/dev/null || { mkdir 'dir with space' && cd 'dir with space'; }")).cwd).toBe(
      path.join(home, "dir with space"),
    );
  });

  it("cuts output past 1 MiB at the source and says so", async () => {
    const result = await run("head -c 2000000 /dev/zero | tr '\\0' x");
    expect(result.truncated).toBe(true);
    expect(result.stdout.startsWith("x".repeat(1000))).toBe(true);
    expect(result.stdout).toContain("[output cut");
    expect(result.stdout.length).toBeLessThan(1_100_000);
  });

  it("gives a command that reads stdin an empty one instead of waiting", async () => {
    expect(await run("cat; echo done")).toMatchObject({ exit_code: 0, stdout: "done\n" });
  });

  it("passes through what the orchestrator says when its own cd fails", async () => {
    const result = await run("echo never", { cwd: path.join(home, "gone") });
    expect(result.exit_code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/No such file or directory/);
  });
});

describe("the timeout holds where the orchestrator ignores it", () => {
  it("stops the command at its timeout, with exit 124 and timed_out", async () => {
    const result = await run("echo started; sleep 20; echo never", { timeout: 1 });
    // Nothing but the command's own output: no "Terminated" from the shell that ran it.
    expect(result).toMatchObject({ exit_code: 124, timed_out: true, stdout: "started\n", stderr: "" });
  });

  it("stops its children too, and keeps the cwd it reached", async () => {
    const marker = path.join(home, "child-survived");
    const result = await run(`cd /tmp; (sleep 3; touch '${marker}') & sleep 20`, { timeout: 1 });
    expect(result).toMatchObject({ exit_code: 124, timed_out: true, cwd: "/tmp" });
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(existsSync(marker)).toBe(false);
  });

  it("kills a command that ignores TERM", async () => {
    const result = await run("echo err >&2; trap '' TERM; sleep 20", { timeout: 1 });
    expect(result).toMatchObject({ exit_code: 137, timed_out: true, stderr: "err\n" });
  });

  it("does not call a command that exits 124 by itself timed out", async () => {
    const result = await run("exit 124", { timeout: 5 });
    expect(result.exit_code).toBe(124);
    expect(result.timed_out).toBeUndefined();
  });

  it("asks the orchestrator for a longer timeout than the command's, so the command's fires first", async () => {
    sent.length = 0;
    await run("true", { timeout: 7 });
    expect(sent[0]!.timeout).toBe(12);
    await run("true", { timeout: 600 });
    expect(sent[1]!.timeout).toBe(600);
  });
});

describe("background work", () => {
  it("returns at once while a background job runs on, holding no stream", async () => {
    const result = await run("sleep 30 & echo $!");
    const pid = Number(result.stdout.trim());
    started.push(pid);
    expect(result.exit_code).toBe(0);
    expect(() => process.kill(pid, 0)).not.toThrow();
  });
});

describe("the command length limit counts what is sent", () => {
  it("takes a command of the advertised length, counted in code points, under the orchestrator's limit", async () => {
    sent.length = 0;
    const command = `echo ${"é".repeat(maxCommandLength - 6)} `;
    expect(codePointLength(command)).toBe(maxCommandLength);
    const result = await run(command, { timeout: 600 });
    expect(result.exit_code).toBe(0);
    expect(result.stdout).toBe(`${"é".repeat(maxCommandLength - 6)}\n`);
    expect(codePointLength(sent[0]!.command)).toBeLessThanOrEqual(orchestratorMaxCommandLength);
    // A view's command of the same length (an upload's chunk) still fits, in its subshell.
    const viewCommand = await runShellCommand(production, "sbx-000000000000", toolShellRequest({ command, timeout: 600, cwd: null }));
    expect(viewCommand.exit_code).toBe(0);
    expect(codePointLength(sent.at(-1)!.command)).toBeLessThanOrEqual(orchestratorMaxCommandLength);
  });
});

describe("the production wrapper alone (what the terminal showed before)", () => {
  it.each([
    ["ls -d . # c", 2, "", /syntax error: unexpected end of file/],
    ["true &", 2, "", /syntax error near unexpected token `;'[\s\S]*__matrx_ec/],
    ["cat <<EOF\nhi\nEOF", 2, "", /here-document at line 1 delimited by end-of-file/],
    ["echo hi\n", 2, "", /syntax error near unexpected token `;'/],
    ["printf 'a\\n\\n\\n'", 0, "a", /^$/],
    ["echo out; echo err >&2", 0, "out", /^err\n$/],
  ])("%j", async (command, exitCode, stdout, stderr) => {
    const result = await productionExec(command, "/tmp");
    expect(result.exit_code).toBe(exitCode);
    expect(result.stdout).toBe(stdout);
    expect(result.stderr).toMatch(stderr);
  });
});
