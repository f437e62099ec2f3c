import { test as base } from "@playwright/test";
import { requestTerminalProbe } from "./terminal-probe.ts";

export * from "@playwright/test";

/**
 * Playwright's `test`, with every page of the test's context asking the app for its terminal
 * (`window.__terminal`, components/terminal/expose-terminal.ts), which a production build hands out
 * only when asked. Specs import `test` from here.
 */
export const test = base.extend({
  context: async ({ context }, provide) => {
    await context.addInitScript(requestTerminalProbe);
    await provide(context);
  },
});
