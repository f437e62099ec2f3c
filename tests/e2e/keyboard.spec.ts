import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "./fixtures.ts";
import { newUser, signIn } from "./sandbox-helpers.ts";

test.setTimeout(240_000);

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${String(target)} not reached with ${max} ${back ? "Shift+Tab" : "Tab"} presses`);
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body || document.activeElement === null);

test("keyboard only: create → open → run a command → leave the terminal → stop → delete", async ({ page }) => {
  await signIn(page, await newUser(), "/dashboard/sandbox");
  await expect(page.getByTestId("empty-first-run")).toBeVisible({ timeout: 60_000 });

  // The skip link is the first stop and lands past the header.
  await page.keyboard.press("Tab");
  expect(await focusedText(page)).toBe("Skip to content");

  await tabTo(page, page.getByRole("button", { name: "New sandbox" }).first());
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New sandbox" });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Create sandbox" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/sandbox\/[0-9a-f-]{36}\?tab=terminal$|\/dashboard\/sandbox\/[0-9a-f-]{36}$/, {
    timeout: 90_000,
  });
  const sandboxId = (await page.getByRole("heading", { level: 1 }).innerText()).match(/sbx-[0-9a-f]{12}/)![0];
  const panel = page.getByTestId("terminal-panel");
  await expect(panel).toContainText("This sandbox can run commands.", { timeout: 60_000 });

  const terminalInput = page.locator('[data-testid="terminal"] textarea');
  await tabTo(page, terminalInput);
  await page.keyboard.type("echo keyboard-$((6*7))");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("terminal")).toContainText("keyboard-42", { timeout: 30_000 });

  // Tab alone stays in the terminal; Escape then Tab reaches the command bar.
  await page.keyboard.press("Tab");
  await expect(terminalInput).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Command" })).toBeFocused();

  await tabTo(page, page.getByRole("button", { name: `Stop ${sandboxId}` }), { back: true });
  await page.keyboard.press("Enter");
  const stop = page.getByRole("alertdialog", { name: `Stop ${sandboxId}?` });
  await expect(stop).toBeVisible();
  await tabTo(page, stop.getByRole("button", { name: "Stop sandbox" }));
  await page.keyboard.press("Enter");
  await expect(stop).toHaveCount(0);
  await expect(page.getByTestId("ended-notice")).toContainText("stopped by you", { timeout: 30_000 });
  // The Stop button is gone: focus went to the page's heading, not to <body>.
  await expect.poll(() => focusIsOnBody(page)).toBe(false);

  await tabTo(page, page.getByRole("button", { name: `Delete ${sandboxId}` }));
  await page.keyboard.press("Enter");
  const remove = page.getByRole("alertdialog", { name: `Delete ${sandboxId}?` });
  await tabTo(page, remove.getByRole("button", { name: "Delete sandbox" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/sandbox$/, { timeout: 60_000 });
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: `Deleted ${sandboxId}` });
  await expect(toast).toBeVisible();
  // Alt+T moves focus to the toasts (sonner's key), which holds them open while they are read.
  await page.keyboard.press("Alt+KeyT");
  // The success toast reads at 4.5:1 (sonner's own light green did not); checked at once, before it times out.
  await expect(page.locator("[data-sonner-toaster]")).toBeFocused();
  const { violations } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await expect(page.getByTestId("empty-first-run")).toBeVisible();
});
