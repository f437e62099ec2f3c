import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures.ts";
import {
  cellStyle,
  createSandbox,
  focusTerminal,
  lastLine,
  openTerminal,
  paste,
  rowOf,
  run,
  sharedSandboxPerFile,
  startCreatingSandbox,
  stopSandbox,
  terminalLines,
  waitForPrompt,
} from "./terminal-page.ts";
import { sql } from "./stack-control.ts";

test.setTimeout(90_000);

const shared = sharedSandboxPerFile();
let sandboxId: string;
test.beforeEach(() => {
  sandboxId = shared.id();
});

test("cd /tmp then pwd: the output and the prompt agree", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  // The prompt names the sandbox as the page's header does.
  const shownId = await page.getByRole("heading", { level: 1 }).locator("code").textContent();
  expect(await lastLine(page)).toBe(`agent@${shownId}:~$ `);
  await run(page, "cd /tmp");
  await waitForPrompt(page, "/tmp");
  await run(page, "pwd");
  await waitForPrompt(page, "/tmp");
  const lines = await terminalLines(page);
  expect(lines.at(-2)).toBe("/tmp");
  expect(lines.at(-3)).toMatch(/:\/tmp\$ pwd$/);
  await run(page, "cd");
  await waitForPrompt(page, "~");
});

test("a failing command shows its stderr in red and its exit code", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  await run(page, "ls /no-such-dir");
  await waitForPrompt(page);
  const lines = await terminalLines(page);
  expect(lines.at(-3)).toMatch(/No such file or directory/);
  expect(lines.at(-2)).toBe("[exit code 2]");
  const row = await rowOf(page, "No such file or directory");
  const style = await cellStyle(page, row, 0);
  // Red at full strength: dim (half opacity) was about 2.5:1 against the background.
  expect(style).toEqual({ fg: 1, dim: false });
});

test("Ctrl+C stops waiting at once and says how long the command may run on; the next command runs after it", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  const timeout = page.getByRole("spinbutton", { name: "Command timeout in seconds" });
  await timeout.fill("3");
  await timeout.press("Enter");
  await run(page, "sleep 30");
  await expect(page.getByTestId("terminal-busy")).toContainText("sleep 30");
  await page.keyboard.press("Control+C");
  await expect
    .poll(async () => (await terminalLines(page)).slice(-3))
    .toEqual([
      "^C",
      expect.stringMatching(/^\[stopped waiting: the command may run on in the sandbox for up to [1-3] s\]$/),
      expect.stringMatching(/\$ $/),
    ]);
  // Production cannot be asked to stop it: the next command may wait behind it, at most its 3 s.
  await run(page, "echo after");
  await expect.poll(async () => (await terminalLines(page)).at(-2), { timeout: 15_000 }).toBe("after");
  await expect(page.getByTestId("terminal-busy")).toHaveCount(0);
  await timeout.fill("30");
  await timeout.press("Enter");
});

test("history: Up recalls earlier commands, also from the command bar", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  await run(page, "echo one");
  await waitForPrompt(page);
  const bar = page.getByRole("textbox", { name: "Command" });
  await bar.fill("echo two");
  await bar.press("Enter");
  await expect.poll(async () => (await terminalLines(page)).slice(-3, -1)).toEqual([expect.stringMatching(/\$ echo two$/), "two"]);
  await waitForPrompt(page);
  await focusTerminal(page);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => lastLine(page)).toMatch(/\$ echo one$/);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await terminalLines(page)).at(-2)).toBe("one");
  await bar.press("ArrowUp");
  await expect(bar).toHaveValue("echo one");
});

test("a three-line paste runs as one command", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  await focusTerminal(page);
  await paste(page, "X=pasted\necho $X-1\necho $X-2");
  await expect
    .poll(async () => (await terminalLines(page)).slice(-3))
    .toEqual([expect.stringMatching(/\$ X=pasted$/), "> echo $X-1", "> echo $X-2"]);
  await page.keyboard.press("Enter");
  await waitForPrompt(page);
  // The variable set on the first line is seen by the others: bash got the lines together.
  expect((await terminalLines(page)).slice(-3, -1)).toEqual(["pasted-1", "pasted-2"]);
});

test("printf with accents, CJK and an emoji round-trips", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  const text = "héllo wörld ñ — 中文字符 日本語 😀 👍";
  await run(page, `printf '%s\\n' '${text}'`);
  await waitForPrompt(page);
  expect((await terminalLines(page)).at(-2)).toBe(text);
});

test("a program's terminal queries (colour, DECRQSS, cursor position) are not answered onto the command line", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  await run(page, String.raw`printf '\033]10;?\033\\\033]11;?\007\033P$qm\033\\\033[6n\033[c'; echo asked`);
  await waitForPrompt(page);
  await run(page, "echo typed");
  await waitForPrompt(page);
  const lines = await terminalLines(page);
  expect(lines.at(-3)).toMatch(/\$ echo typed$/);
  expect(lines.at(-2)).toBe("typed");
});

test("long output: the scrollback keeps its last 5,000 lines, written without a timer per line", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  // xterm 6's scrollbar re-arms a timer for every line that scrolls (xtermjs/xterm.js#6102); the panel
  // keeps it quiet during large output. Counted, not timed: two per scrolled line (10,000) without it.
  await page.evaluate(() => {
    const counter = window as unknown as { __timers: number };
    counter.__timers = 0;
    const clear = window.clearTimeout;
    window.clearTimeout = (id) => {
      counter.__timers++;
      clear(id);
    };
  });
  await run(page, "seq 1 20000");
  await waitForPrompt(page, undefined, 30_000);
  const lines = await terminalLines(page);
  expect(lines.at(-1)).toMatch(/\$ $/);
  const numbers = lines.slice(0, -1).map(Number);
  expect(numbers.at(-1)).toBe(20000);
  expect(numbers.length).toBeGreaterThanOrEqual(5000);
  expect(numbers.every((n, i) => n === numbers[0]! + i)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __timers: number }).__timers)).toBeLessThan(2500);
});

test("the transcript, history and cwd survive a reload", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  await run(page, "cd /tmp && echo keep-me");
  await waitForPrompt(page, "/tmp");
  await page.reload();
  await page.waitForFunction(() => window.__terminal !== undefined);
  await waitForPrompt(page, "/tmp");
  const lines = await terminalLines(page);
  expect(lines.slice(-3)).toEqual([expect.stringMatching(/\$ cd \/tmp && echo keep-me$/), "keep-me", expect.stringMatching(/:\/tmp\$ $/)]);
  await focusTerminal(page);
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => lastLine(page)).toMatch(/\$ cd \/tmp && echo keep-me$/);
  await page.keyboard.press("Control+U");
  await run(page, "cd");
  await waitForPrompt(page, "~");
});

test("a stopped sandbox's terminal refuses input; a new one comes alive when ready", async ({ page }) => {
  await page.goto("/dashboard");
  const doomed = await createSandbox(page);
  shared.created.push(doomed.id);
  await openTerminal(page, doomed.id);
  await waitForPrompt(page);
  await stopSandbox(page, doomed.id);
  await expect.poll(() => lastLine(page), { timeout: 20_000 }).toBe("[the sandbox is stopped: stopped by you]");
  await run(page, "echo refused");
  await expect(page.getByRole("textbox", { name: "Command" })).toBeDisabled();
  expect(await lastLine(page)).toBe("[the sandbox is stopped: stopped by you]");

  const creator = await page.context().newPage();
  await creator.goto("/dashboard");
  const freshId = await startCreatingSandbox(creator, shared.user().email);
  shared.created.push(freshId);
  await openTerminal(page, freshId);
  // Opened while it is still being created (input off) or just after: either way the prompt comes by itself.
  await waitForPrompt(page, "~", 60_000);
  await run(page, "echo alive");
  await expect.poll(async () => (await terminalLines(page)).at(-2)).toBe("alive");
  // And a status change seen through realtime turns input off and on again without a reload.
  await sql("update sandbox_instances set status = 'starting' where id = $1", [freshId]);
  await expect.poll(() => lastLine(page), { timeout: 20_000 }).toBe("[sandbox starting: input is off]");
  await sql("update sandbox_instances set status = 'ready' where id = $1", [freshId]);
  await waitForPrompt(page, "~");
  await run(page, "echo alive again");
  await expect.poll(async () => (await terminalLines(page)).at(-2)).toBe("alive again");
  await creator.close();
});

// xterm.js's own class name for its hidden input: in its code under `next dev` and minified alike.
test("xterm is only in the detail page's chunks, not the list page's", async ({ page }) => {
  const scripts = new Map<string, string>();
  page.on("response", async (response) => {
    if (response.request().resourceType() === "script") scripts.set(response.url(), await response.text().catch(() => ""));
  });
  await page.goto("/dashboard");
  await page.waitForLoadState("networkidle");
  const listScripts = [...scripts.entries()];
  expect(listScripts.length).toBeGreaterThan(0);
  expect(listScripts.filter(([, body]) => body.includes("xterm-helper-textarea")).map(([url]) => url)).toEqual([]);
  await openTerminal(page, sandboxId);
  await page.waitForLoadState("networkidle");
  expect([...scripts.values()].some((body) => body.includes("xterm-helper-textarea"))).toBe(true);
});

test("screenshots of the terminal after a few commands, light and dark", async ({ page }) => {
  const dir = path.resolve("screenshots");
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await openTerminal(page, sandboxId);
    await waitForPrompt(page);
    if (scheme === "light") {
      await page.getByRole("button", { name: "Clear (Ctrl+L)" }).click();
      for (const command of [
        "echo hello",
        "ls -la /home/agent | head -5",
        "printf '\\033[1;32mgreen\\033[0m and \\033[34mblue\\033[0m\\n'",
        "cat /nope",
        `printf '%s\\n' 'héllo 中文 😀'`,
      ]) {
        await run(page, command);
        await waitForPrompt(page);
      }
    }
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: path.join(dir, `terminal-${scheme}.png`), fullPage: true });
  }
  expect(await terminalLines(page)).toContain("green and blue");
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log((await terminalLines(page).catch(() => [])).slice(-20).join("\n"));
});

test("toolbar and shortcuts: copy (Ctrl+Shift+C, Ctrl+C on a selection), search (Ctrl+F), download, refit when shown again", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  await run(page, "echo findme-123");
  await waitForPrompt(page);
  // Screen-reader mode: xterm keeps an accessible copy of its rows.
  await expect(page.locator(".xterm-accessibility-tree")).toContainText("findme-123");

  const row = await rowOf(page, "findme-123");
  await page.evaluate((r) => window.__terminal!.term.selectLines(r, r), row);
  await page.keyboard.press("Control+Shift+C");
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^findme-123\s*$/);
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await page.evaluate((r) => window.__terminal!.term.selectLines(r, r), row);
  await page.keyboard.press("Control+C");
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^findme-123\s*$/);
  // Copying is not an interrupt: no ^C, the prompt line is untouched.
  expect(await lastLine(page)).toMatch(/\$ $/);

  await page.keyboard.press("Control+F");
  const find = page.getByRole("searchbox", { name: "Find in terminal" });
  await expect(find).toBeFocused();
  await find.fill("findme");
  await expect(page.getByRole("search")).toContainText(/1 of [12]/);
  await find.press("Escape");
  await expect(find).toHaveCount(0);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download transcript" }).click();
  const download = await downloading;
  const { readFile } = await import("node:fs/promises");
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toMatch(/\$ echo findme-123\nfindme-123\n/);
  expect(text).not.toContain("\x1b");

  const cols = () => page.evaluate(() => window.__terminal!.term.cols);
  const wide = await cols();
  const panel = page.getByTestId("terminal-panel");
  await panel.evaluate((element) => ((element as HTMLElement).style.display = "none"));
  await page.setViewportSize({ width: 700, height: 900 });
  await panel.evaluate((element) => ((element as HTMLElement).style.display = ""));
  await expect.poll(cols).toBeLessThan(wide);
  await expect.poll(() => lastLine(page)).toMatch(/\$ $/);
});
