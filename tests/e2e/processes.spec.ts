import { expect, test } from "@playwright/test";
import { newUser, screenshot, signIn, type TestUser } from "./sandbox-helpers.ts";
import { setOrchestratorFaults } from "./stack-control.ts";
import { createSandbox, openTerminal, run, sandboxPath, waitForPrompt } from "./terminal-page.ts";

/**
 * The Processes tab against an orchestrator that serves one exec at a time and ignores timeouts, as
 * production does: a job started in the terminal shows up, survives TERM, and goes with KILL; the
 * tab's polling leaves the terminal (in another window) its turn.
 */
// The hooks too: a create and sign-ins under `next dev` on a loaded machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });

// One user and one sandbox for the file; a user of its own, so no other spec's rows or budgets touch it.
let user: TestUser;
let sandboxId: string;
test.beforeAll(async ({ browser }) => {
  await setOrchestratorFaults({ exec_timeout: "ignore", serial: true });
  user = await newUser();
  const page = await browser.newPage();
  await signIn(page, user);
  sandboxId = (await createSandbox(page)).id;
  await page.close();
});
test.afterAll(async ({ browser }) => {
  await setOrchestratorFaults({ reset: true });
  const page = await browser.newPage();
  await signIn(page, user);
  await page.evaluate((id) => fetch(`/api/sandbox/${id}`, { method: "DELETE" }), sandboxId);
  await page.close();
});
test.beforeEach(({ page }) => signIn(page, user));
const shared = { id: () => sandboxId };

test("a job from the terminal is listed; Stop sends TERM, then offers KILL, and the job is gone", async ({ page, context }) => {
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  await run(page, `bash -c "trap '' TERM; exec -a stubborn-job sleep 300" &`);
  await waitForPrompt(page);

  await page.getByRole("tab", { name: "Processes" }).click();
  await expect(page).toHaveURL(/\?tab=processes$/);
  const row = page.getByTestId("process-row").filter({ hasText: "stubborn-job" });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("meter", { name: "Memory" })).toHaveAttribute("aria-valuetext", /%, .+ of /);
  await expect(page.getByRole("meter", { name: "CPU" })).toHaveAttribute("aria-valuetext", /%, of /, { timeout: 20_000 });

  // The terminal, in a second window, runs while this tab polls.
  const other = await context.newPage();
  await openTerminal(other, shared.id());
  await waitForPrompt(other);
  await run(other, "echo still-my-turn");
  await waitForPrompt(other);
  await other.close();

  await screenshot(page, "processes-light");
  await row.getByRole("button", { name: /^Stop process/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Stop process" }).click();
  const kill = page.getByRole("alertdialog", { name: /is still running/ });
  await expect(kill).toBeVisible({ timeout: 20_000 });
  await kill.getByRole("button", { name: "Kill process" }).click();
  await expect(page.getByRole("status").filter({ hasText: /was killed\./ })).toBeVisible({ timeout: 20_000 });
  await expect(row).toHaveCount(0);
});

test("the tab, dark and on a phone", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`${sandboxPath(shared.id())}?tab=processes`);
  await expect(page.getByTestId("process-table")).toBeVisible({ timeout: 20_000 });
  await screenshot(page, "processes-dark");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("process-table")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "processes-phone");
});
