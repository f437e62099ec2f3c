import { defineConfig } from "@playwright/test";
import { e2eBrowser, launchArgs } from "./tests/e2e/browser.ts";
import { E2E_BASE_URL } from "./tests/e2e/stack-config.ts";

const browser = await e2eBrowser();

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "*.spec.ts",
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
    timeout: 180_000,
    // E2E_REUSE_SERVER=1: specs run against a stack already started with `npx tsx tests/e2e/start-stack.ts`.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
