import { expect, test, type Page } from "@playwright/test";
import { openTerminal, rowOf, run, terminalLines, sharedSandboxPerFile, waitForPrompt } from "./terminal-page.ts";

// Figures for the report (printed, not asserted). Playwright's trace records the page on every
// step and would be most of them, so it is off here.
test.use({ trace: "off" });
test.setTimeout(90_000);

const shared = sharedSandboxPerFile();
let sandboxId: string;
test.beforeEach(() => {
  sandboxId = shared.id();
});

/** Times from the Enter keydown to the first frame xterm renders showing `marker` with the prompt back. */
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
    const request = exec
      ? `${(exec.responseEnd - timing.start).toFixed(0)} ms until the answer was in, ${(timing.end - exec.responseEnd).toFixed(0)} ms after it in the page`
      : "request not timed";
    return `${(timing.end - timing.start).toFixed(0)} ms (${request})`;
  });
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
