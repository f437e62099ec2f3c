import { defineConfig } from "@playwright/test";
import { e2eBrowser, launchArgs } from "./tests/e2e/browser.ts";
import { E2E_BASE_URL } from "./tests/e2e/stack-config.ts";

const browser = await e2eBrowser();

/**
 * Specs that change what every other page sees (Supabase stopped, the orchestrator killed, its
 * production faults) or time the terminal: each runs alone, one after another, once the others are done.
 */
const alone = [
  "sandbox-reconnect.spec.ts",
  // The orchestrator killed mid-action: `npm run test:faults` (E2E_FAULTS=1), outside `npm test` for its time.
  ...(process.env.E2E_FAULTS === "1" ? ["faults.spec.ts"] : []),
  "terminal-production.spec.ts",
  "terminal-bench.spec.ts",
];

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "*.spec.ts",
  // Two browsers side by side: most of a spec's time is waiting (the orchestrator's steps, realtime,
  // compiles), and each spec signs in as users of its own. E2E_WORKERS=1 runs them one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  projects: [
    { name: "shared", testIgnore: [...alone, "faults.spec.ts"] },
    ...alone.map((spec, i) => ({
      name: spec.replace(".spec.ts", ""),
      testMatch: spec,
      dependencies: [i === 0 ? "shared" : alone[i - 1]!.replace(".spec.ts", "")],
    })),
  ],
  globalSetup: "./tests/e2e/global-setup.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? "line" : "list",
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: browser.executablePath,
      args: launchArgs(browser),
    },
  },
  webServer: {
    command: "npx tsx tests/e2e/start-stack.ts",
    url: `${E2E_BASE_URL}/login`,
    // The stack starts in seconds; a first run also builds the app (tests/helpers/app-build.ts).
    timeout: 600_000,
    // E2E_REUSE_SERVER=1: specs run against a stack already started with `npx tsx tests/e2e/start-stack.ts`.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
