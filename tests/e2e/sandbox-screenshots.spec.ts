import { expect, test, type Page } from "./fixtures.ts";
import { insertSandbox, newUser, screenshot, signIn, type TestUser } from "./sandbox-helpers.ts";

test.setTimeout(180_000);

/** A user with rows in every state: ready, running, one expiring soon, creating, and ended ones. */
async function userWithRows(): Promise<TestUser> {
  const user = await newUser();
  await insertSandbox(user.id, { status: "ready", expiresInMinutes: 95, createdMinutesAgo: 25 });
  await insertSandbox(user.id, { status: "running", expiresInMinutes: 12, createdMinutesAgo: 108 });
  await insertSandbox(user.id, { status: "ready", expiresInMinutes: 3, createdMinutesAgo: 57 });
  await insertSandbox(user.id, { status: "creating", expiresInMinutes: null });
  await insertSandbox(user.id, { status: "stopped", stopReason: "user_requested", createdMinutesAgo: 300 });
  await insertSandbox(user.id, { status: "failed", stopReason: "error", createdMinutesAgo: 40 });
  await insertSandbox(user.id, { status: "expired", stopReason: "expired", createdMinutesAgo: 1500 });
  return user;
}

async function shoot(page: Page, user: TestUser, suffix: string) {
  await signIn(page, user);
  const widget = page.getByTestId("sandbox-summary");
  await expect(widget.getByTestId("widget-active")).toHaveText("4 of 5");
  await screenshot(page, `widget-${suffix}`);

  await page.goto("/dashboard/sandbox");
  await expect(page.getByTestId("section-ended").getByTestId("sandbox-row")).toHaveCount(3);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live");
  await screenshot(page, `list-rows-${suffix}`);
  // Ended rows keep to one line (at 1280 px the reason used to wrap under the time).
  if (suffix !== "phone") {
    const heights = await page
      .locator('[data-testid="section-ended"] [data-testid="sandbox-row"] td:nth-child(4) > span')
      .evaluateAll((spans) => spans.map((span) => span.getBoundingClientRect().height));
    expect(heights).toHaveLength(3);
    for (const height of heights) expect(height).toBeLessThan(30);
  } else {
    // An ended row's Delete stays on the line of its status (at 390 px it used to wrap under it).
    for (const row of await page.getByTestId("section-ended").getByTestId("sandbox-row").all()) {
      const status = (await row.locator("td").nth(1).boundingBox())!;
      const remove = (await row.getByRole("button", { name: /^Delete / }).boundingBox())!;
      expect(remove.y, "Delete is on the status's line").toBeLessThan(status.y + status.height);
    }
  }

  const id = await page.locator('[data-testid="section-active"] [data-testid="sandbox-row"]').nth(1).getAttribute("data-sandbox-id");
  await page.getByRole("button", { name: `More actions for ${id}` }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await screenshot(page, `list-row-menu-${suffix}`);
  await page.keyboard.press("Escape");
  await page.getByRole("link", { name: id! }).click();
  await expect(page.getByTestId("terminal-panel")).toBeVisible({ timeout: 60_000 });
  // The work first: the terminal starts in the first screen, not below the fold.
  expect((await page.getByTestId("terminal-panel").boundingBox())!.y).toBeLessThan(suffix === "phone" ? 400 : 300);
  await screenshot(page, `detail-${suffix}`);
  await page.getByRole("button", { name: "Details" }).click();
  await expect(page.getByTestId("sandbox-details")).toBeVisible();
  await screenshot(page, `detail-details-${suffix}`);
  await page.keyboard.press("Escape");

  await page.goto("/dashboard/sandbox?q=no-such-sandbox");
  await expect(page.getByTestId("empty-no-match")).toBeVisible();
  await screenshot(page, `list-no-match-${suffix}`);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme}`, () => {
    test.use({ colorScheme });

    test(`screenshots of the list, detail and widget (${colorScheme})`, async ({ page }) => {
      await shoot(page, await userWithRows(), colorScheme);
    });

    test(`screenshots of the first-run list and the create dialog (${colorScheme})`, async ({ page }) => {
      await signIn(page, await newUser(), "/dashboard/sandbox");
      await expect(page.getByTestId("empty-first-run")).toBeVisible();
      await screenshot(page, `list-empty-${colorScheme}`);
      await page.getByRole("button", { name: "New sandbox" }).first().click();
      await page.getByRole("dialog").getByText("Advanced: configuration (JSON)").click();
      await page.getByRole("dialog").getByRole("textbox").fill('{"ttl_seconds": 5}');
      await page.getByRole("dialog").getByRole("button", { name: "Create sandbox" }).click();
      await expect(page.getByRole("dialog")).toContainText(/must not set ttl_seconds/i);
      await screenshot(page, `create-dialog-error-${colorScheme}`);
      await page.getByRole("dialog").getByRole("textbox").fill('{"purpose": "screenshot"}');
      await page.getByRole("dialog").getByRole("button", { name: "Create sandbox" }).click();
      await expect(page.getByTestId("create-progress")).toContainText(/sbx-[0-9a-f]{12}/, { timeout: 30_000 });
      await screenshot(page, `create-dialog-progress-${colorScheme}`);
      await expect(page).toHaveURL(/\/dashboard\/sandbox\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    });
  });
}

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("screenshots at a phone's width", async ({ page }) => {
    await shoot(page, await userWithRows(), "phone");
  });

  test("the terminal's status line and its controls do not overlap", async ({ page }) => {
    const user = await userWithRows();
    await signIn(page, user, "/dashboard/sandbox");
    const id = await page.locator('[data-testid="section-active"] [data-testid="sandbox-row"]').nth(1).getAttribute("data-sandbox-id");
    await page.getByRole("link", { name: id! }).click();
    const status = page.getByRole("toolbar", { name: "Terminal tools" }).getByText("This sandbox can run commands.");
    // The detail page's first load with its terminal, as in shoot() above.
    await expect(status).toBeVisible({ timeout: 60_000 });
    const text = (await status.boundingBox())!;
    const timeout = (await page.getByRole("toolbar", { name: "Terminal tools" }).getByText("Timeout").boundingBox())!;
    const apart =
      text.x + text.width <= timeout.x ||
      timeout.x + timeout.width <= text.x ||
      text.y + text.height <= timeout.y ||
      timeout.y + timeout.height <= text.y;
    expect(apart, `status ${JSON.stringify(text)} overlaps Timeout ${JSON.stringify(timeout)}`).toBe(true);
  });
});

/** At the active limit: "View all" stays beside New sandbox, and New sandbox stays inside the window. */
async function atTheLimit(page: Page, suffix: string) {
  const user = await newUser();
  for (let i = 0; i < 5; i++) await insertSandbox(user.id, { status: "ready", expiresInMinutes: 30 + i, createdMinutesAgo: i });
  await signIn(page, user);
  const widget = page.getByTestId("sandbox-summary");
  await expect(widget.getByTestId("widget-active")).toHaveText("5 of 5");
  const create = (await widget.getByRole("button", { name: "New sandbox" }).boundingBox())!;
  const viewAll = (await widget.getByRole("link", { name: "View all" }).boundingBox())!;
  if (suffix === "desktop") {
    expect(Math.abs(viewAll.y - create.y)).toBeLessThan(4);
    expect(viewAll.x - (create.x + create.width)).toBeLessThan(24);
  }
  const card = (await widget.boundingBox())!;
  expect(viewAll.x + viewAll.width).toBeLessThanOrEqual(card.x + card.width);
  await screenshot(page, `widget-at-limit-${suffix}`);

  await page.goto("/dashboard/sandbox");
  const button = page.getByRole("button", { name: "New sandbox" });
  await expect(button).toBeDisabled();
  const box = (await button.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  await screenshot(page, `list-at-limit-${suffix}`);
}

test("at the active limit (desktop)", async ({ page }) => {
  await atTheLimit(page, "desktop");
});

test.describe("at the active limit, phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test("at the active limit (phone)", async ({ page }) => {
    await atTheLimit(page, "phone");
  });
});
