import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { alice, signInAsAlice } from "./auth-helpers.ts";
import {
  cellStyle,
  createSandbox,
  focusTerminal,
  lastLine,
  openTerminal,
  paste,
  rowOf,
  run,
  startCreatingSandbox,
  stopSandbox,
  terminalLines,
  waitForPrompt,
} from "./terminal-page.ts";

// One sandbox (per worker) for the tests that only run commands.
test.setTimeout(90_000);

let sandboxId: string;
const created: string[] = [];

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAlice(page);
  const sandbox = await createSandbox(page);
  sandboxId = sandbox.id;
  created.push(sandbox.id);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAlice(page);
  for (const id of created) await page.evaluate((sandbox) => fetch(`/api/sandbox/${sandbox}`, { method: "DELETE" }), id);
  await page.close();
});

test.beforeEach(async ({ page }) => {
  await signInAsAlice(page);
});

/** Milliseconds from the Enter keydown to the first frame xterm renders with `done(lines)` true. */
async function armPaintTimer(page: Page, marker: string): Promise<void> {
  await page.evaluate((needle) => {
    const { term, editor } = window.__terminal!;
    const timing = { start: 0, end: 0 };
    (window as unknown as { __paint: typeof timing }).__paint = timing;
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Enter" && timing.start === 0) timing.start = performance.now();
      },
      { capture: true },
    );
    const listener = term.onRender(() => {
      if (timing.start === 0 || editor.state.mode !== "idle") return;
      const buffer = term.buffer.active;
      for (let i = Math.max(0, buffer.length - 400); i < buffer.length; i++) {
        if (buffer.getLine(i)!.translateToString(true) === needle) {
          timing.end = performance.now();
          listener.dispose();
          return;
        }
      }
    });
  }, marker);
}

/** The figure, and how much of it the exec request took (the rest is the browser writing and painting). */
async function paintTime(page: Page): Promise<string> {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __paint: { end: number } }).__paint.end), { timeout: 60_000 })
    .toBeGreaterThan(0);
  return page.evaluate(() => {
    const timing = (window as unknown as { __paint: { start: number; end: number } }).__paint;
    const exec = performance
      .getEntriesByType("resource")
      .filter((entry): entry is PerformanceResourceTiming => entry.name.endsWith("/exec") && entry.startTime >= timing.start)
      .at(-1);
    const request = exec ? `${(exec.responseEnd - timing.start).toFixed(0)} ms until the answer was in` : "request not timed";
    return `${(timing.end - timing.start).toFixed(0)} ms (${request})`;
  });
}

test.describe("measured", () => {
  // Playwright's trace records the page on every step and would be most of the figures.
  test.use({ trace: "off" });

  test("echo hello prints hello and a new prompt", async ({ page }) => {
    await openTerminal(page, sandboxId);
    await waitForPrompt(page, "~");
    // A first command warms the route up (next dev compiles it on first use), so the figure is the terminal's.
    await run(page, "true");
    await waitForPrompt(page, "~");
    await armPaintTimer(page, "hello");
    await run(page, "echo hello");
    await waitForPrompt(page);
    const lines = await terminalLines(page);
    expect(lines.slice(-4)).toEqual([
      expect.stringMatching(/\$ true$/),
      expect.stringMatching(/\$ echo hello$/),
      "hello",
      expect.stringMatching(/:~\$ $/),
    ]);
    console.log(`[bench] Enter to "hello" painted: ${await paintTime(page)}`);
  });

  test("1 MB of output finishes while the page still answers clicks", async ({ page }) => {
    await openTerminal(page, sandboxId);
    await waitForPrompt(page);
    await armPaintTimer(page, "end-of-output");
    // 12,500 lines of 80 bytes: 1,000,000 bytes.
    await run(
      page,
      "yes 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef | head -n 12500; echo end-of-output",
    );
    await expect(page.getByTestId("terminal-busy")).toBeVisible();
    await expect.poll(() => rowOf(page, "0123456789abcdefghijklmnopqrstuvwxyz"), { timeout: 30_000 }).toBeGreaterThan(-1);
    const busyWhenClicked = await page.getByTestId("terminal-busy").isVisible();
    const bar = page.getByRole("textbox", { name: "Command" });
    await bar.click();
    await page.keyboard.type("typed meanwhile");
    await expect(bar).toHaveValue("typed meanwhile");
    await waitForPrompt(page, undefined, 60_000);
    const lines = await terminalLines(page);
    expect(lines.at(-2)).toBe("end-of-output");
    expect(lines.at(-3)).toBe("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef");
    console.log(
      `[bench] Enter to 1 MB output painted (prompt back): ${await paintTime(page)}; click answered while busy: ${busyWhenClicked}`,
    );
    await bar.fill("");
  });
});

test("cd /tmp then pwd: the output and the prompt agree", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
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
  expect(style).toEqual({ fg: 1, dim: true });
});

test("sleep 30 is cancelled with Ctrl+C, and the next command runs at once", async ({ page }) => {
  await openTerminal(page, sandboxId);
  await waitForPrompt(page);
  await run(page, "sleep 30");
  await expect(page.getByTestId("terminal-busy")).toContainText("sleep 30");
  await page.keyboard.press("Control+C");
  await expect.poll(async () => (await terminalLines(page)).slice(-2)).toEqual(["^C", expect.stringMatching(/\$ $/)]);
  await run(page, "echo after");
  // The cancelled sleep was killed upstream: this does not wait behind it.
  await expect.poll(async () => (await terminalLines(page)).at(-2), { timeout: 10_000 }).toBe("after");
  await expect(page.getByTestId("terminal-busy")).toHaveCount(0);
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
  const doomed = await createSandbox(page);
  created.push(doomed.id);
  await openTerminal(page, doomed.id);
  await waitForPrompt(page);
  await stopSandbox(page, doomed.id);
  await expect.poll(() => lastLine(page), { timeout: 20_000 }).toBe("[sandbox stopped: user_requested]");
  await run(page, "echo refused");
  await expect(page.getByRole("textbox", { name: "Command" })).toBeDisabled();
  expect(await lastLine(page)).toBe("[sandbox stopped: user_requested]");

  const creator = await page.context().newPage();
  await creator.goto("/dashboard");
  const freshId = await startCreatingSandbox(creator, alice.email);
  created.push(freshId);
  await openTerminal(page, freshId);
  await expect.poll(async () => (await terminalLines(page)).join("\n")).toMatch(/\[input off: the sandbox is (creating|starting)/);
  await waitForPrompt(page, "~", 60_000);
  await run(page, "echo alive");
  await expect.poll(async () => (await terminalLines(page)).at(-2)).toBe("alive");
  await creator.close();
});

test("xterm is only in the detail page's chunks, not the list page's", async ({ page }) => {
  const scripts = new Map<string, string>();
  page.on("response", async (response) => {
    if (response.request().resourceType() === "script") scripts.set(response.url(), await response.text().catch(() => ""));
  });
  await page.goto("/dashboard");
  await page.waitForLoadState("networkidle");
  const listScripts = [...scripts.entries()];
  expect(listScripts.length).toBeGreaterThan(0);
  expect(listScripts.filter(([, body]) => body.includes("@xterm")).map(([url]) => url)).toEqual([]);
  await openTerminal(page, sandboxId);
  await page.waitForLoadState("networkidle");
  expect([...scripts.values()].some((body) => body.includes("@xterm"))).toBe(true);
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
