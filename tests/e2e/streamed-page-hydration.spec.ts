import { expect, test, type Page } from "./fixtures.ts";
import { insertSandbox, newUser, signIn } from "./sandbox-helpers.ts";

interface HeldReveal {
  /** The most <h1> the document held at once. */
  __mostHeadings: number;
  /** Whether the page's one <h1> is the element the server streamed (hydrated), not a client-made one. */
  __headingIsServers: () => boolean;
  __releaseReveal: () => void;
}

/**
 * Holds React's reveal of a page's streamed content until the test lets it go, and counts the
 * headings at every DOM change, noting the ones the server streamed. React's inline script puts the streamed HTML in place up to 300 ms
 * after it arrives ($RV, batched); a slow machine can finish hydrating the layout and open realtime
 * within that time. Holding it makes that order certain instead of rare.
 */
function holdReveal() {
  const w = window as unknown as HeldReveal;
  let reveal: ((batch: unknown[]) => void) | undefined;
  let released = false;
  const held: unknown[][] = [];
  const streamed = new WeakSet<Element>();
  w.__mostHeadings = 0;
  w.__headingIsServers = () => streamed.has(document.querySelector("h1")!);
  w.__releaseReveal = () => {
    released = true;
    for (const batch of held.splice(0)) reveal!(batch);
  };
  Object.defineProperty(window, "$RV", {
    configurable: true,
    set: (fn: (batch: unknown[]) => void) => (reveal = fn),
    get: () => (batch: unknown[]) => {
      if (released) return reveal!(batch);
      held.push([...batch]);
      batch.length = 0;
    },
  });
  new MutationObserver(() => {
    // React streams a page's content into hidden <div id="S:…"> elements, then moves it into place.
    for (const heading of document.querySelectorAll('div[hidden][id^="S:"] h1')) streamed.add(heading);
    w.__mostHeadings = Math.max(w.__mostHeadings, document.querySelectorAll("h1").length);
  }).observe(document, { childList: true, subtree: true });
}

/** Resolves once the page's realtime channel for the user's sandboxes is joined. */
function realtimeJoined(page: Page): Promise<void> {
  return new Promise((resolve) =>
    page.on("websocket", (socket) =>
      socket.on("framereceived", ({ payload }) => {
        const frame = String(payload);
        if (frame.includes("phx_reply") && frame.includes("sandbox-instances:") && frame.includes('"ok"')) resolve();
      }),
    ),
  );
}

const idle = (page: Page) => page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));

for (const [path, heading] of [
  ["/dashboard", "Dashboard"],
  ["/dashboard/sandbox", "Sandboxes"],
] as const) {
  test(`${path}: realtime going live before the streamed page is revealed leaves one copy of the page, the server's, hydrated`, async ({
    page,
  }) => {
    const user = await newUser();
    await insertSandbox(user.id, { status: "ready" });
    await signIn(page, user, path);
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live");

    await page.addInitScript(holdReveal);
    await page.goto(path, { waitUntil: "commit" });
    await realtimeJoined(page);
    // Whatever React does about the status change, it has done it.
    await idle(page);
    await idle(page);
    await page.evaluate(() => (window as unknown as HeldReveal).__releaseReveal());

    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(main.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live");
    // A context change above a boundary still waiting for its reveal makes React drop the server's
    // HTML and render the page again on the client, beside the hidden server copy.
    expect(await page.evaluate(() => (window as unknown as HeldReveal).__mostHeadings)).toBe(1);
    await expect(page.locator("h1")).toHaveCount(1);
    await expect(page.getByTestId("live-indicator")).toHaveCount(1);
    expect(await page.evaluate(() => (window as unknown as HeldReveal).__headingIsServers())).toBe(true);
  });
}
