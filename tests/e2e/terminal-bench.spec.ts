import { expect, test, type Page } from "./fixtures.ts";
import { openTerminal, rowOf, run, terminalLines, sharedSandboxPerFile, waitForPrompt } from "./terminal-page.ts";
import { armTerminalPaint, awaitTerminalPaint, findTerminal } from "./terminal-probe.ts";

// Figures for the report (printed, not asserted). Playwright's trace records the page on every
// step and would be most of them, so it is off here.
test.use({ trace: "off" });
test.setTimeout(90_000);

const shared = sharedSandboxPerFile();
let sandboxId: string;
test.beforeEach(() => {
  sandboxId = shared.id();
});

/** Arms the probe's paint timer (terminal-probe.ts, the one `npm run bench` uses): Enter until `marker` is painted above the prompt. */
async function armPaintTimer(page: Page, marker: string): Promise<void> {
  await page.waitForFunction(findTerminal);
  await page.evaluate(armTerminalPaint, marker);
}

/** The figure, and how much of it the exec request took (the rest is the browser writing and painting). */
async function paintTime(page: Page): Promise<string> {
  const timing = await page.evaluate(awaitTerminalPaint, 60_000);
  expect(timing, "the output and the prompt were painted").not.toBeNull();
  const { enterToPaint, exec, afterExec } = timing!;
  const request =
    exec === null ? "request not timed" : `${exec.toFixed(0)} ms in the exec request, ${afterExec!.toFixed(0)} ms after it in the page`;
  return `${enterToPaint.toFixed(0)} ms (${request})`;
}

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
  await run(page, "yes 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef | head -n 12500; echo end-of-output");
  await expect(page.getByTestId("terminal-busy")).toBeVisible();
  await expect.poll(() => rowOf(page, "0123456789abcdefghijklmnopqrstuvwxyz"), { timeout: 30_000 }).toBeGreaterThan(-1);
  const busyWhenClicked = await page.getByTestId("terminal-busy").isVisible();
  const bar = page.getByRole("textbox", { name: "Command" });
  await bar.click();
  await page.keyboard.type("typed meanwhile");
  await expect(bar).toHaveValue("typed meanwhile");
  // The click and the typing were answered while the output was still being written.
  expect(busyWhenClicked).toBe(true);
  await waitForPrompt(page, undefined, 60_000);
  const lines = await terminalLines(page);
  expect(lines.at(-2)).toBe("end-of-output");
  expect(lines.at(-3)).toBe("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef");
  console.log(`[bench] Enter to 1 MB output painted (prompt back): ${await paintTime(page)}`);
  await bar.fill("");
});
