import { expect, test } from "./fixtures.ts";
import { demoUsers } from "../../local-stack/demo-users.ts";
import { insertSandbox, newUser, rowOf, screenshot, signIn } from "./sandbox-helpers.ts";
import { sql } from "./stack-control.ts";

// Compiling pages on first visit under `next dev` is slow on this machine.
test.setTimeout(120_000);

test("create: the dialog shows the steps, and the new row goes through to ready in the open list without a reload", async ({ page }) => {
  const user = await newUser();
  await signIn(page, user, "/dashboard/sandbox");
  await expect(page.getByTestId("empty-first-run")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  await page.getByRole("button", { name: "New sandbox" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New sandbox" });
  await dialog.getByText("15 min", { exact: true }).click();
  await dialog.getByRole("button", { name: "Create sandbox" }).click();

  const progress = dialog.getByTestId("create-progress");
  await expect(progress).toBeVisible();
  await expect(progress.locator('[data-step="creating"]')).toHaveAttribute("data-state", /current|done/);
  await expect(progress).toContainText(/elapsed/);
  await expect(progress).toContainText(/sbx-[0-9a-f]{12}/);
  await screenshot(page, "create-dialog-in-progress");

  // Closed meanwhile: it continues in the background and the row is already in the list.
  await page.keyboard.press("Escape");
  const row = page.locator('[data-testid="section-active"] [data-testid="sandbox-row"]');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(row).toContainText(/1[45] min \d\d s left/);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test("create with the dialog open goes to the detail page; stop it there; then delete it", async ({ page }) => {
  const user = await newUser();
  await signIn(page, user);
  await page.getByTestId("sandbox-summary").getByRole("button", { name: "New sandbox" }).click();
  const dialog = page.getByRole("dialog", { name: "New sandbox" });
  await dialog.getByRole("button", { name: "Create sandbox" }).click();
  await expect(page).toHaveURL(/\/dashboard\/sandbox\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const sandboxId = (await page.getByRole("heading", { level: 1 }).innerText()).match(/sbx-[0-9a-f]{12}/)![0];
  await expect(page.getByTestId("terminal-panel")).toContainText("This sandbox can run commands.");
  await expect(page).toHaveTitle(new RegExp(`${sandboxId} · Ready`));
  await screenshot(page, "detail-ready-light");

  await page.getByRole("button", { name: `Stop ${sandboxId}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Stop ${sandboxId}?` });
  await expect(confirm).toContainText("Nothing resumes");
  await confirm.getByRole("button", { name: "Stop sandbox" }).click();
  await expect(page.getByTestId("ended-notice")).toContainText("stopped by you", { timeout: 30_000 });
  await page.getByRole("button", { name: "Details" }).click();
  await expect(page.getByTestId("status-timeline")).toContainText("Ready");
  await expect(page.getByTestId("status-timeline")).toContainText("Stopped");
  await page.keyboard.press("Escape");
  await expect(page).toHaveTitle(new RegExp(`${sandboxId} · Stopped`));
  await expect(page.getByTestId("terminal-panel")).toContainText("cannot run commands");

  await page.goto("/dashboard/sandbox");
  const row = rowOf(page, sandboxId);
  await expect(row).toHaveAttribute("data-status", "stopped");
  await expect(page.getByTestId("section-ended")).toContainText(sandboxId);
  await row.getByRole("button", { name: `Delete ${sandboxId}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete sandbox" }).click();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("empty-first-run")).toBeVisible();
});

test("stop from the list: confirmation, then the row ends up stopped in Ended", async ({ page }) => {
  const user = await newUser();
  await signIn(page, user, "/dashboard/sandbox");
  await page.getByRole("button", { name: "New sandbox" }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Create sandbox" }).click();
  await expect(page).toHaveURL(/\/dashboard\/sandbox\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await page.goto("/dashboard/sandbox");
  const row = page.locator('[data-testid="section-active"] [data-testid="sandbox-row"]');
  const sandboxId = (await row.getAttribute("data-sandbox-id"))!;
  await row.getByRole("button", { name: `Stop ${sandboxId}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Stop sandbox" }).click();
  await expect(page.locator(`[data-testid="section-ended"] [data-sandbox-id="${sandboxId}"]`)).toHaveAttribute("data-status", "stopped", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("section-active")).toContainText("No active sandboxes");
});

test("a row changed directly in the database appears in the open list (realtime, no reload)", async ({ page }) => {
  const user = await newUser();
  const { id, sandboxId } = await insertSandbox(user.id, { status: "ready" });
  await signIn(page, user, "/dashboard/sandbox");
  const row = rowOf(page, sandboxId);
  await expect(row).toHaveAttribute("data-status", "ready", { timeout: 60_000 });
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live");

  const figures: number[] = [];
  for (const status of ["running", "ready", "running", "ready", "running"] as const) {
    const started = Date.now();
    await sql("update public.sandbox_instances set status = $1, updated_at = now() where id = $2", [status, id]);
    // Under the 10 s poll: only realtime can bring it this soon (nothing polls while live).
    await expect(row).toHaveAttribute("data-status", status, { timeout: 5_000 });
    figures.push(Date.now() - started);
  }
  const inserted = Date.now();
  const fresh = await insertSandbox(user.id, { status: "starting" });
  await expect(rowOf(page, fresh.sandboxId)).toHaveAttribute("data-status", "starting", { timeout: 5_000 });
  figures.push(Date.now() - inserted);
  const sorted = [...figures].sort((a, b) => a - b);
  console.log(`[measure] database change → open list: ${figures.join(", ")} ms (median ${sorted[Math.floor(sorted.length / 2)]} ms)`);
  test.info().annotations.push({ type: "db-to-page-ms", description: figures.join(",") });
});

test("bob never sees alice's rows, live or loaded, and gets not-found for her sandbox", async ({ browser }) => {
  const [alice] = await sql<{ id: string }>("select id from auth.users where email = $1", [demoUsers.alice.email]);
  const [bob] = await sql<{ id: string }>("select id from auth.users where email = $1", [demoUsers.bob.email]);
  const alices = await insertSandbox(alice!.id, { status: "ready" });

  const bobContext = await browser.newContext();
  const page = await bobContext.newPage();
  await signIn(page, demoUsers.bob, "/dashboard/sandbox");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });
  await expect(page.getByRole("main")).not.toContainText(alices.sandboxId);

  // A change to alice's row, then one to bob's: once bob's shows, alice's has had its chance to leak.
  await sql("update public.sandbox_instances set status = 'running', updated_at = now() where id = $1", [alices.id]);
  const alicesNew = await insertSandbox(alice!.id, { status: "creating" });
  const bobs = await insertSandbox(bob!.id, { status: "ready" });
  await expect(rowOf(page, bobs.sandboxId)).toBeVisible({ timeout: 5_000 });
  await expect(page.getByRole("main")).not.toContainText(alices.sandboxId);
  await expect(page.getByRole("main")).not.toContainText(alicesNew.sandboxId);

  // The detail page has no loading boundary above it, so not-found is a real 404, with nothing of alice's in it.
  for (const path of [
    `/dashboard/sandbox/${alices.id}`,
    "/dashboard/sandbox/not-a-uuid",
    "/dashboard/sandbox/00000000-0000-4000-8000-000000000000",
  ]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Sandbox not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(alices.sandboxId);
  }
  expect((await page.request.get(`/api/sandbox/${alices.id}`)).status()).toBe(404);
  await bobContext.close();
});

test("the dashboard widget's counts follow the database", async ({ page }) => {
  const user = await newUser();
  await signIn(page, user);
  const widget = page.getByTestId("sandbox-summary");
  await expect(widget.getByTestId("widget-active")).toHaveText("0 of 5");
  await expect(widget.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live");

  const soon = await insertSandbox(user.id, { status: "ready", expiresInMinutes: 20 });
  await insertSandbox(user.id, { status: "starting", expiresInMinutes: 120 });
  await expect(widget.getByTestId("widget-active")).toHaveText("2 of 5");
  await expect(widget.getByTestId("widget-transition")).toHaveText("1");
  await expect(widget.getByTestId("widget-soonest")).toContainText(/(19|20) min \d\d s left/);
  await expect(widget.getByTestId("widget-soonest")).toContainText("1 within 30 min");
  await screenshot(page, "widget-light");

  await sql(
    "update public.sandbox_instances set status = 'failed', stop_reason = 'error', stopped_at = now(), updated_at = now() where id = $1",
    [soon.id],
  );
  await expect(widget.getByTestId("widget-active")).toHaveText("1 of 5");
  await expect(widget.getByTestId("widget-failed")).toHaveText("1");

  // The In transition tile opens the list filtered to exactly those.
  await widget.getByRole("link", { name: /see the ones in transition/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/sandbox\?view=transition$/);
  await expect(page.getByRole("button", { name: "In transition 1" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("sandbox-row")).toHaveCount(1);
  await expect(page.getByTestId("sandbox-row")).toHaveAttribute("data-status", "starting");
});

test("the detail page says so when its sandbox is deleted while it is open, and why when it ends", async ({ page }) => {
  const user = await newUser();
  const { id, sandboxId } = await insertSandbox(user.id, { status: "ready", expiresInMinutes: 8 });
  await signIn(page, user, `/dashboard/sandbox/${id}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });
  await expect(page.getByTestId("expiry-banner")).toContainText("Less than 10 minutes left");

  await sql(
    "update public.sandbox_instances set status = 'expired', stop_reason = 'expired', stopped_at = now(), updated_at = now() where id = $1",
    [id],
  );
  await expect(page.getByTestId("ended-notice")).toContainText("its lifetime ran out");
  await expect(page).toHaveTitle(new RegExp(`${sandboxId} · Expired`));
  await expect(page.getByTestId("expiry-banner")).toHaveCount(0);

  await sql("delete from public.sandbox_instances where id = $1", [id]);
  await expect(page.getByTestId("deleted-notice")).toContainText("deleted while this page was open");
  await expect(page.getByTestId("deleted-notice").getByRole("link", { name: "Back to your sandboxes" })).toBeVisible();
});
