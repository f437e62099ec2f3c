import { expect, test, type Page } from "./fixtures.ts";
import { setOrchestratorFaults } from "./stack-control.ts";
import { lastLine, openTerminal, paste, run, sharedSandboxPerFile, terminalLines, waitForPrompt } from "./terminal-page.ts";
import { portForSandboxServer } from "../helpers/free-port.ts";

/**
 * The terminal against an orchestrator that behaves as production does where the dashboard can see
 * it: the command pasted into production's wrapper, stdout's trailing newlines stripped, `timeout`
 * ignored, one exec at a time for the whole service (docs/orchestrator-contract.md). Each command of
 * the matrix, typed as a user types it, and what the screen shows.
 */
test.setTimeout(120_000);
test.describe.configure({ mode: "serial" });

const shared = sharedSandboxPerFile();
test.beforeAll(() => setOrchestratorFaults({ exec_timeout: "ignore", serial: true }));
test.afterAll(() => setOrchestratorFaults({ reset: true }));

const prompt = /^agent@sbx-[0-9a-f]{12}:[^$]*\$ $/;

/** Runs a command and returns the lines it printed (between its prompt line and the next prompt). */
async function printed(page: Page, command: string, options: { timeout?: number } = {}): Promise<string[]> {
  const before = (await terminalLines(page)).length;
  await run(page, command);
  await waitForPrompt(page, undefined, options.timeout ?? 20_000);
  const lines = await terminalLines(page);
  // The prompt line and the command may take several rows: the output starts after the row that ends it.
  let end = before - 1;
  while (
    end < lines.length - 1 &&
    !lines
      .slice(before - 1, end + 1)
      .join("")
      .endsWith(command)
  )
    end++;
  return lines.slice(end + 1, -1);
}

async function setTimeoutSeconds(page: Page, seconds: number) {
  const field = page.getByRole("spinbutton", { name: "Command timeout in seconds" });
  await field.fill(String(seconds));
  await field.press("Enter");
}

test("the matrix of ordinary commands shows what a shell shows", async ({ page }) => {
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  // Each entry: what was typed, then the lines after its prompt line.
  expect(await printed(page, "echo hello")).toEqual(["hello"]);
  expect(await printed(page, "touch a-file; ls # c")).toEqual(["a-file"]);
  expect(await printed(page, "sleep 0.1 &")).toEqual([]);
  expect(await printed(page, "jobs")).toEqual([]);
  expect(await printed(page, "printf 'a\\n\\n\\n'")).toEqual(["a", "", ""]);
  expect(await printed(page, "echo out; echo err >&2")).toEqual(["out", "err"]);
  expect(await printed(page, "exit 3")).toEqual(["[exit code 3]"]);
  expect(await printed(page, "false")).toEqual(["[exit code 1]"]);
  expect(await printed(page, "echo 'héllo ✓ 日本'")).toEqual(["héllo ✓ 日本"]);
  expect(await printed(page, "printf 'a\\xffb\\n'")).toEqual(["a\uFFFDb"]);
  expect(await printed(page, "cd /tmp")).toEqual([]);
  expect(await lastLine(page)).toMatch(/:\/tmp\$ $/);
  expect(await printed(page, "pwd")).toEqual(["/tmp"]);
  expect(await printed(page, "touch /tmp/x")).toEqual([]);
  expect(await printed(page, "ls /tmp/x")).toEqual(["/tmp/x"]);
  expect(await printed(page, "cd")).toEqual([]);
});

test("a pasted heredoc and a pasted multi-line script run as typed", async ({ page }) => {
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  const before = (await terminalLines(page)).length;
  await paste(page, "cat <<EOF\nline one\n  line two\nEOF\n");
  await waitForPrompt(page);
  expect((await terminalLines(page)).slice(before).filter((line) => !prompt.test(line) && !/^> |\$ cat <<EOF$/.test(line))).toEqual(
    expect.arrayContaining(["line one", "  line two"]),
  );
});

test("2 MB of output is cut at 1 MiB and says so; the longest command runs, a longer one is refused", async ({ page }) => {
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  // 1 MiB of one line scrolls the command out of the scrollback: read the end of the screen.
  await run(page, "head -c 2000000 /dev/zero | tr '\\0' x");
  await waitForPrompt(page, undefined, 60_000);
  expect((await terminalLines(page)).slice(-3).join("\n")).toContain("[output cut");
  const longest = `echo ${"z".repeat(9_345)}`;
  const before = (await terminalLines(page)).length;
  await paste(page, `${longest}\n`);
  await waitForPrompt(page);
  expect((await terminalLines(page)).slice(before)).toContain("z".repeat(9_345));
  await paste(page, `${longest}z`);
  await expect.poll(() => terminalLines(page)).toContain("Paste refused: the command would be 9,351 characters; the limit is 9,350.");
});

test("sleep 5 with a timeout of 1 s is stopped at 1 s and says so once", async ({ page }) => {
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  await setTimeoutSeconds(page, 1);
  const lines = await printed(page, "cd /tmp; sleep 5");
  expect(lines).toEqual(["[timed out after 1 s: stopped with its child processes (exit code 124)]"]);
  expect(await lastLine(page)).toMatch(/:\/tmp\$ $/);
  await setTimeoutSeconds(page, 30);
  await printed(page, "cd");
});

test("background work lives on: a sleep, and a server answering the next command", async ({ page }) => {
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  expect(await printed(page, "sleep 300 &")).toEqual([]);
  expect(await printed(page, "ps -eo args | grep -q '^sleep 300' && echo running")).toEqual(["running"]);
  const hasPython = (await printed(page, "command -v python3 >/dev/null && echo yes || echo no"))[0] === "yes";
  test.skip(!hasPython, "no python3 in this sandbox");
  const port = await portForSandboxServer();
  expect(await printed(page, `python3 -m http.server ${port} >/dev/null 2>&1 &`)).toEqual([]);
  const fetchPage = `for i in 1 2 3 4 5 6 7 8 9 10; do exec 3<>/dev/tcp/127.0.0.1/${port} 2>/dev/null && break; sleep 0.5; done; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; head -n 1 <&3`;
  const answer = await printed(page, fetchPage);
  expect(answer.join("\n")).toMatch(/HTTP\/1\.0 200 OK/);
  // Deleting the sandbox (after all) ends both.
});
