import type { Browser, Page } from "@playwright/test";
import { signedInContext, watchScripts } from "../lib/browser.ts";
import {
  atPrompt,
  armTerminalPaint,
  awaitTerminalPaint,
  findTerminal,
  requestTerminalProbe,
  type TerminalTiming,
} from "../../tests/e2e/terminal-probe.ts";
import { round, settleMs, summarize } from "../lib/stats.ts";
import type { BenchContext } from "../lib/context.ts";

/** 12,500 lines of 80 bytes: 1,000,000 bytes, then a marker line. */
const megabyteCommand =
  "yes 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef | head -n 12500; echo end-of-output";

/**
 * The terminal of alice's sandbox page in Chromium: Enter until `echo hello`'s output is painted,
 * beside the exec request itself (Resource Timing), and Enter until 1 MB of output is fully rendered.
 */
export async function benchTerminal(ctx: BenchContext, browser: Browser, sandboxRowId: string) {
  const context = await signedInContext(browser, ctx.urls.appUrl, ctx.alice);
  try {
    const page = await context.newPage();
    const scripts = watchScripts(page);
    await page.addInitScript(requestTerminalProbe);
    await page.goto(`${ctx.urls.appUrl}/dashboard/sandbox/${sandboxRowId}`);
    await page.waitForFunction(findTerminal, undefined, { timeout: 30_000 }).catch((error: Error) => {
      throw new Error(`terminal: not found in the page (see findTerminal in tests/e2e/terminal-probe.ts): ${error.message}`);
    });
    const renderer = await page.evaluate(findTerminal);
    await waitForPrompt(page);
    for (let i = 0; i < 3; i++) await timed(page, "echo warm", "warm"); // warm-up: the route, the editor, the renderer

    const hello = await runs(page, ctx.sizes.terminalEcho, "echo hello", "hello");
    const megabyte = await runs(page, ctx.sizes.terminalMegabyte, megabyteCommand, "end-of-output", 60_000);
    const over = (list: TerminalTiming[]) => list.filter((t) => t.exec !== null).map((t) => t.enterToPaint - t.exec!);
    return {
      renderer,
      loaded: await scripts(),
      echo: {
        enter_to_paint: summarize(hello.map((t) => t.enterToPaint)),
        exec_request: summarize(hello.flatMap((t) => (t.exec === null ? [] : [t.exec]))),
        over_exec: summarize(over(hello)),
        before_exec_p50: summarize(hello.flatMap((t) => (t.beforeExec === null ? [] : [t.beforeExec]))).p50,
        after_exec_p50: summarize(hello.flatMap((t) => (t.afterExec === null ? [] : [t.afterExec]))).p50,
      },
      megabyte: {
        enter_to_paint: summarize(megabyte.map((t) => t.enterToPaint)),
        exec_request: summarize(megabyte.flatMap((t) => (t.exec === null ? [] : [t.exec]))),
        over_exec: summarize(over(megabyte)),
      },
      timed_from: "the Enter keydown in the page until a task after the frame xterm rendered the last output line and the prompt",
    };
  } finally {
    await context.close();
  }
}

async function runs(page: Page, n: number, command: string, lastLine: string, timeoutMs = 20_000): Promise<TerminalTiming[]> {
  const all: TerminalTiming[] = [];
  for (let i = 0; i < n; i++) all.push(await timed(page, command, lastLine, timeoutMs));
  return all;
}

/** Types `command` into xterm, arms the timer, presses Enter and waits for the prompt. */
async function timed(page: Page, command: string, lastLine: string, timeoutMs = 20_000): Promise<TerminalTiming> {
  await page.locator(".xterm-helper-textarea").focus();
  await page.keyboard.type(command);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  await page.evaluate(armTerminalPaint, lastLine);
  await page.keyboard.press("Enter");
  const timing = await page.evaluate(awaitTerminalPaint, timeoutMs);
  if (!timing) throw new Error(`terminal: \`${command.slice(0, 40)}\` not painted within ${timeoutMs / 1000} s`);
  await waitForPrompt(page);
  return { ...timing, enterToPaint: round(timing.enterToPaint, 2) };
}

async function waitForPrompt(page: Page): Promise<void> {
  await page.waitForFunction(atPrompt, undefined, { timeout: 30_000 });
}
