import { expect, test } from "./fixtures.ts";

test("/ goes to the dashboard (and so, signed out, to /login)", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});

test("an unknown address shows a not-found page, not a blank one", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // The tab says it too, not just the product's name.
  await expect(page).toHaveTitle("Page not found · Matrx Sandboxes");
  await expect(page.getByRole("link", { name: "Go to the dashboard" })).toBeVisible();
});
