import { expect, test } from "./fixtures.ts";
import { alice, fillSignIn, signInAsAlice } from "./auth-helpers.ts";
import { newUser } from "./sandbox-helpers.ts";

test("signing in as alice shows her dashboard", async ({ page }) => {
  await signInAsAlice(page);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${alice.email}`)).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(alice.email);
  await expect(page.getByRole("region", { name: "Sandboxes" })).toBeVisible();
});

test("a wrong password shows the auth error in the form and stays on /login", async ({ page }) => {
  await page.goto("/login");
  await fillSignIn(page, alice.email, "not-her-password");
  await page.getByRole("button", { name: "Sign in" }).click();

  // The form's own alert, not the route announcer Next adds.
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The email or password is not right. Check both and try again.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Email")).toHaveValue(alice.email);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
});

test("the button shows a pending state while signing in", async ({ page }) => {
  await page.goto("/login");
  // Hold the server action's POST back so the pending state can be seen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/login*", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await fillSignIn(page, alice.email, alice.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  const pending = page.getByRole("button", { name: "Signing in…" });
  await expect(pending).toBeVisible();
  await expect(pending).toBeDisabled();
  release();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a signed-out visit to /dashboard lands on /login and returns there after sign-in", async ({ page }) => {
  await page.goto("/dashboard?tab=recent");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard%3Ftab%3Drecent$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await fillSignIn(page, alice.email, alice.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\?tab=recent$/);
});

test("a foreign `next` is ignored: sign-in goes to /dashboard", async ({ page }) => {
  await page.goto("/login?next=//evil.example/steal");
  await fillSignIn(page, alice.email, alice.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
});

test("a signed-in visit to /login goes to /dashboard", async ({ page }) => {
  await signInAsAlice(page);
  await page.goto("/login");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("signing out returns to /login and /dashboard is guarded again", async ({ page }) => {
  await signInAsAlice(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});

test("a cross-site sign-out request is refused and the session survives", async ({ page }) => {
  await signInAsAlice(page);
  const response = await page.request.post("/auth/signout", {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);

  await page.goto("/dashboard");
  await expect(page.getByText(`Signed in as ${alice.email}`)).toBeVisible();
});

test("five wrong passwords lock the account: the form says how long, and even the right password waits", async ({ page }) => {
  // A user of its own: the lock lasts 15 minutes, and other specs sign in as the demo users.
  const bob = await newUser();
  await page.goto("/login");
  const alert = page.getByRole("main").getByRole("alert");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await fillSignIn(page, bob.email, `wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText("The email or password is not right. Check both and try again.");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await fillSignIn(page, bob.email, "wrong-5");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toHaveText(/^Too many failed sign-ins\. Try again in 15 minutes \(at \d\d:\d\d UTC\)\.$/);

  await fillSignIn(page, bob.email, bob.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toHaveText(/^Too many failed sign-ins\. Try again in 15 minutes/);
  await expect(page).toHaveURL(/\/login/);
});
