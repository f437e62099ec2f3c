import { expect, test } from "./fixtures.ts";
import { fillSignIn } from "./auth-helpers.ts";
import { newUser } from "./sandbox-helpers.ts";
import { E2E_APP_PORT } from "./stack-config.ts";

// The app must come alive at both loopback names: its allowed origins (APP_ORIGINS) name both, and
// under `next dev` (E2E_APP=dev), which refuses its dev-reload socket to origins it does not know,
// a page that cannot reach it reloads again and again and React never starts.
const dev = process.env.E2E_APP === "dev";
for (const name of ["localhost", "127.0.0.1"]) {
  test(`the app comes alive at http://${name}`, async ({ page }) => {
    // Accepted, the dev-reload socket talks; refused, it errors and the page reloads.
    let framesReceived = 0;
    page.on("websocket", (socket) => {
      if (socket.url().includes("/_next/hmr")) socket.on("framereceived", () => framesReceived++);
    });
    await page.goto(`http://${name}:${E2E_APP_PORT}/login`);
    if (dev) await expect.poll(() => framesReceived).toBeGreaterThan(0);

    // Only a hydrated form shows its pending state: hold the sign-in back to see it.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/login*", async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    // A user of its own: auth.spec.ts signs Alice out (of every session) meanwhile.
    const user = await newUser();
    await fillSignIn(page, user.email, user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Signing in…" })).toBeDisabled();
    release();
    await expect(page).toHaveURL(`http://${name}:${E2E_APP_PORT}/dashboard`);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  });
}
