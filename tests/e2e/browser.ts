/**
 * Which Chromium the e2e tests drive, in this order: PLAYWRIGHT_CHROMIUM_EXECUTABLE; a Chromium that
 * `npx playwright install chromium` put in Playwright's cache; a system Chromium or Chrome on PATH;
 * else the headless Chromium that the npm package @sparticuz/chromium ships (Linux x64), so
 * `npm ci && npm test` needs nothing but the npm registry.
 *
 * Playwright loads its config in the runner and again in every worker: the runner resolves once and
 * hands the answer to the workers through the environment, so the choice is made and printed once.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

export interface E2eBrowser {
  /** Where the browser came from, for the one line the test run prints. */
  source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE" | "playwright" | "system" | "@sparticuz/chromium";
  executablePath: string;
  /** Extra launch flags this browser needs. */
  args: string[];
  /** Environment the browser needs. */
  env: Record<string, string>;
}

const resolvedVar = "E2E_BROWSER_RESOLVED";
const systemNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
const fix = "run `npx playwright install chromium` or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium or Chrome";

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/**
 * Of @sparticuz/chromium's flags (written for AWS Lambda) only these two: the rest either change what
 * the tests check (--disable-web-security, --allow-running-insecure-content, site isolation off),
 * break Playwright's several contexts per browser (--single-process), or are Playwright's own to
 * set (--headless). The package's binary is chrome-headless-shell, so it runs headless only.
 */
const sparticuzArgs = ["--no-zygote", "--font-render-hinting=none"];

async function fromNpm(): Promise<E2eBrowser | string> {
  if (process.platform !== "linux" || process.arch !== "x64")
    return `@sparticuz/chromium ships Linux x64 only (this is ${process.platform} ${process.arch})`;
  let executablePath: string;
  try {
    const { default: sparticuz } = await import("@sparticuz/chromium");
    executablePath = await sparticuz.executablePath();
  } catch (error) {
    return `@sparticuz/chromium could not unpack its browser: ${(error as Error).message}`;
  }
  // It decompresses its fonts next to the binary; without this a machine with no fonts renders none.
  const env: Record<string, string> = { FONTCONFIG_PATH: path.join(path.dirname(executablePath), "fonts") };
  const check = spawnSync(executablePath, ["--version"], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 30_000 });
  if (check.status !== 0) {
    const why = (check.stderr || check.error?.message || `exit ${check.status}`).trim().split("\n")[0];
    return `@sparticuz/chromium's browser does not run here (${why}; it needs libnss3)`;
  }
  return { source: "@sparticuz/chromium", executablePath, args: sparticuzArgs, env };
}

/** The first usable browser in the order above, or why there is none. */
export async function findE2eBrowser(env: Record<string, string | undefined> = process.env): Promise<E2eBrowser | string> {
  const fromEnv = env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) return `PLAYWRIGHT_CHROMIUM_EXECUTABLE=${fromEnv} is not an executable file`;
    return { source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE", executablePath: fromEnv, args: [], env: {} };
  }
  const playwrights = chromium.executablePath();
  if (existsSync(playwrights)) return { source: "playwright", executablePath: playwrights, args: [], env: {} };
  for (const name of systemNames) {
    const found = onPath(name, env.PATH ?? "");
    if (found) return { source: "system", executablePath: found, args: [], env: {} };
  }
  return fromNpm();
}

/** The flags every launch of `browser` gets, in the e2e tests and in the bench. */
export function launchArgs(browser: E2eBrowser): string[] {
  return [
    ...browser.args,
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ];
}

/** Resolves the browser once per test run; exits with one line naming the fix when there is none. */
export async function e2eBrowser(): Promise<E2eBrowser> {
  const handedDown = process.env[resolvedVar];
  const browser = handedDown ? (JSON.parse(handedDown) as E2eBrowser) : await findE2eBrowser();
  if (typeof browser === "string") {
    console.error(`e2e browser: none usable: ${browser}; ${fix}.`);
    process.exit(1);
  }
  if (!handedDown) console.log(`e2e browser: ${browser.source} (${browser.executablePath})`);
  process.env[resolvedVar] = JSON.stringify(browser);
  // The browser is started by a worker, which inherits this environment.
  Object.assign(process.env, browser.env);
  return browser;
}
