import { expect, test } from "./fixtures.ts";
import { processesWith } from "../helpers/orchestrator.ts";
import { newUser, rowOf, signIn } from "./sandbox-helpers.ts";
import { killOrchestrator, sql, startOrchestrator } from "./stack-control.ts";
import { createSandbox, openTerminal, run, terminalLines, waitForPrompt } from "./terminal-page.ts";

/**
 * What the page says when the orchestrator's process is killed (SIGKILL) in the middle of what the
 * user asked: an error in words, never a blank page or a spinner that never ends. Alone: every
 * other page loses the orchestrator too.
 */
test.setTimeout(180_000);

test.afterEach(async () => {
  await startOrchestrator();
});

test("killed during a create: the dialog says it was not created, and the row shows failed", async ({ page }) => {
  const user = await newUser();
  await signIn(page, user, "/dashboard/sandbox");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });
  await page.getByRole("button", { name: "New sandbox" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New sandbox" });
  await dialog.getByRole("button", { name: "Create sandbox" }).click();
  await expect(dialog.getByTestId("create-progress")).toContainText(/sbx-[0-9a-f]{12}/, { timeout: 30_000 });
  const [row] = await sql<{ sandbox_id: string }>("select sandbox_id from sandbox_instances where user_id = $1", [user.id]);

  await killOrchestrator();
  const alert = dialog.getByRole("alert");
  await expect(alert).toContainText("stopped answering while your sandbox was being created: it was not created", { timeout: 30_000 });
  await expect(alert).not.toContainText("may still appear");
  await expect(dialog.getByRole("button", { name: "Try again" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(rowOf(page, row!.sandbox_id)).toHaveAttribute("data-status", "failed");
});

test("killed during a terminal command: the terminal says the output is lost and gives the prompt back", async ({ page }) => {
  const user = await newUser();
  await signIn(page, user);
  const sandbox = await createSandbox(page);
  await openTerminal(page, sandbox.id);
  await waitForPrompt(page);
  await run(page, "echo before-the-crash");
  await waitForPrompt(page);
  const command = `sleep 60.${Math.floor(Math.random() * 1e6)}`;
  await run(page, command);
  await expect.poll(() => processesWith(command).length, { timeout: 20_000 }).toBeGreaterThan(0);

  await killOrchestrator();
  await expect
    .poll(async () => (await terminalLines(page)).join("\n"), { timeout: 30_000 })
    .toContain("stopped answering while your command ran");
  await waitForPrompt(page);
  expect((await terminalLines(page)).join("\n")).toContain("before-the-crash");
  // Once it is back its restart stops the sandbox whose processes it lost, and the page says so.
  await startOrchestrator();
  await expect(page.getByTestId("ended-notice")).toBeVisible({ timeout: 30_000 });
  expect(processesWith(command)).toEqual([]);
});
