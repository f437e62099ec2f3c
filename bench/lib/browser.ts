import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { e2eBrowser, launchArgs } from "../../tests/e2e/browser.ts";
import { browserCookies } from "../../tests/helpers/cookie-sign-in.ts";
import type { SignedIn } from "./session.ts";
import { xtermMarker } from "../scenarios/bundle.ts";

/** The Chromium the e2e tests drive (tests/e2e/browser.ts), with the same flags. */
async function launchChromium(): Promise<Browser> {
  const found = await e2eBrowser();
  return chromium.launch({ executablePath: found.executablePath, args: launchArgs(found) });
}

/** Runs `fn` with a Chromium of its own, closed afterwards. */
export async function withChromium<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** A browser context that sends `user`'s session cookies to the app, as after signing in. */
export async function signedInContext(browser: Browser, appUrl: string, user: SignedIn): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The bench runs under tsx, whose esbuild wraps named functions in `__name(...)`: the functions
  // handed to page.evaluate carry those calls into the page, which has no such helper.
  await context.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
  await context.addCookies(browserCookies(user.cookie, appUrl));
  return context;
}

export interface PageClock {
  /** A time of the page's `performance.now()` on this process's `performance.now()`. */
  toLocal(pageMs: number): number;
  /** Half the round trip of the best sample: how far off a converted time may be. */
  uncertaintyMs: number;
}

/**
 * The page's clock against ours: of 20 round trips, the shortest one's midpoint is taken as the
 * moment the page read its clock (Cristian's algorithm).
 */
export async function pageClock(page: Page): Promise<PageClock> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 20; i++) {
    const sent = performance.now();
    const pageNow = await page.evaluate(() => performance.now());
    const back = performance.now();
    if (back - sent < best.rtt) best = { rtt: back - sent, offset: pageNow - (sent + back) / 2 };
  }
  return { toLocal: (pageMs) => pageMs - best.offset, uncertaintyMs: best.rtt / 2 };
}

/** Starts recording the scripts `page` loads; the result lists those that contain xterm.js, by file name. */
export function watchScripts(page: Page): () => Promise<{ scripts: number; withXterm: string[] }> {
  const urls = new Set<string>();
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") urls.add(response.url());
  });
  return async () => {
    const withXterm: string[] = [];
    // Fetched again from here: static chunks need no session, and a page's response bodies may be gone.
    for (const url of urls) {
      const body = await (await fetch(url)).text();
      if (body.includes(xtermMarker)) withXterm.push(new URL(url).pathname.split("/").pop()!);
    }
    return { scripts: urls.size, withXterm };
  };
}
