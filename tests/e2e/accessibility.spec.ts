import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures.ts";
import { insertSandbox, newUser, screenshot, signIn, type TestUser } from "./sandbox-helpers.ts";

// Every page and dialog in both themes. The tests share nothing: they may run in both workers at once.
test.describe.configure({ mode: "parallel" });
test.setTimeout(300_000);

const wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** No WCAG 2.0/2.1 A or AA violation on what the page shows now; the message lists each rule and its first nodes. */
async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(wcag).analyze();
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(" ")} ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`)
        .join(" | ")}`,
  );
  expect(report, `axe on ${what}`).toEqual([]);
}

async function rowsUser(): Promise<{ user: TestUser; readyId: string; stoppedId: string }> {
  const user = await newUser();
  const ready = await insertSandbox(user.id, { status: "ready", expiresInMinutes: 95, createdMinutesAgo: 25 });
  await insertSandbox(user.id, { status: "running", expiresInMinutes: 12, createdMinutesAgo: 108 });
  await insertSandbox(user.id, { status: "creating", expiresInMinutes: null });
  const stopped = await insertSandbox(user.id, { status: "stopped", stopReason: "user_requested", createdMinutesAgo: 300 });
  await insertSandbox(user.id, { status: "failed", stopReason: "error", createdMinutesAgo: 40 });
  await insertSandbox(user.id, { status: "expired", stopReason: "expired", createdMinutesAgo: 1500 });
  return { user, readyId: ready.sandboxId, stoppedId: stopped.sandboxId };
}

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no WCAG 2.0/2.1 A or AA violation on any page or dialog (${scheme})`, async ({ page }) => {
    const scriptTagWarnings: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("Encountered a script tag")) scriptTagWarnings.push(page.url());
    });
    const empty = await newUser();
    const { user, readyId, stoppedId } = await rowsUser();

    await page.emulateMedia({ colorScheme: scheme });
    await page.context().clearCookies();

    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectAccessible(page, `login (${scheme})`);
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expectAccessible(page, `404 (${scheme})`);

    await signIn(page, empty, "/dashboard/sandbox");
    await expect(page.getByTestId("empty-first-run")).toBeVisible();
    await expectAccessible(page, `empty list (${scheme})`);
    await page.getByRole("button", { name: "New sandbox" }).first().click();
    const create = page.getByRole("dialog", { name: "New sandbox" });
    await create.getByText("Custom", { exact: true }).click();
    await create.getByLabel(/Seconds/).fill("5");
    await create.getByText("Advanced: configuration (JSON)").click();
    await create.getByRole("textbox", { name: /JSON object/ }).fill("{nope");
    await create.getByRole("button", { name: "Create sandbox" }).click();
    await expect(create.getByRole("alert")).toBeVisible();
    await expectAccessible(page, `create dialog with errors (${scheme})`);
    await screenshot(page, `a11y-create-errors-${scheme}`);
    await page.keyboard.press("Escape");

    await page.context().clearCookies();
    await signIn(page, user);
    await expect(page.getByTestId("sandbox-summary")).toBeVisible();
    await expectAccessible(page, `dashboard (${scheme})`);
    await screenshot(page, `a11y-dashboard-${scheme}`);

    await page.goto("/dashboard/sandbox");
    await expect(page.getByTestId("section-ended").getByTestId("sandbox-row")).toHaveCount(3);
    await expectAccessible(page, `list with rows (${scheme})`);
    await screenshot(page, `a11y-list-${scheme}`);
    await page.getByRole("button", { name: `More actions for ${readyId}` }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await expectAccessible(page, `row menu (${scheme})`);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: `Stop ${readyId}` }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expectAccessible(page, `stop confirmation (${scheme})`);
    await page.keyboard.press("Escape");
    // Focus goes back where the user was, not to <body>.
    await expect(page.getByRole("button", { name: `Stop ${readyId}` })).toBeFocused();
    await page.getByRole("button", { name: `Delete ${stoppedId}` }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expectAccessible(page, `delete confirmation (${scheme})`);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: `Delete ${stoppedId}` })).toBeFocused();

    await page.getByRole("link", { name: readyId }).click();
    await expect(page).toHaveURL(/\/dashboard\/sandbox\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await expect(page.getByTestId("terminal-panel")).toContainText("This sandbox can run commands.", { timeout: 60_000 });
    await expectAccessible(page, `sandbox page (${scheme})`);
    await screenshot(page, `a11y-detail-${scheme}`);
    await page.getByRole("button", { name: "Details" }).click();
    await expect(page.getByTestId("sandbox-details")).toBeVisible();
    await expectAccessible(page, `details dialog (${scheme})`);
    await page.keyboard.press("Escape");

    await page.goto("/dashboard/sandbox?view=transition");
    await expect(page.getByRole("heading", { name: /^In transition \(\d+\)$/ })).toBeVisible();
    await expectAccessible(page, `list in transition (${scheme})`);

    await page.goto("/dashboard/sandbox/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("heading", { name: "Sandbox not found" })).toBeVisible();
    await expectAccessible(page, `sandbox not found (${scheme})`);
    expect(scriptTagWarnings, "React's script-tag warning").toEqual([]);
  });
}

test("axe finds no violation on the Processes and SSH tabs and their dialogs, light and dark", async ({ page }) => {
  // A sandbox the orchestrator runs: these tabs run commands in it.
  const user = await newUser();
  await signIn(page, user);
  const created = await page.evaluate(async () => {
    const response = await fetch("/api/sandbox", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    return (await response.json()) as { instance: { id: string } };
  });
  const id = created.instance.id;
  await page.evaluate(
    (target) =>
      fetch(`/api/sandbox/${target}/exec`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ command: "sleep 300 &" }),
      }),
    id,
  );
  try {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/dashboard/sandbox/${id}?tab=processes`);
      const sleeper = page.getByTestId("process-row").filter({ hasText: "sleep 300" });
      await expect(sleeper).toBeVisible({ timeout: 60_000 });
      await expectAccessible(page, `processes tab (${scheme})`);
      await sleeper.getByRole("button", { name: /^Stop process/ }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
      await expectAccessible(page, `stop process confirmation (${scheme})`);
      await page.keyboard.press("Escape");
      await expect(sleeper.getByRole("button", { name: /^Stop process/ })).toBeFocused();

      await page.getByRole("tab", { name: "SSH" }).click();
      await page.getByRole("button", { name: /SSH key|another key/ }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
      await expectAccessible(page, `create SSH key confirmation (${scheme})`);
      await page.getByRole("alertdialog").getByRole("button", { name: "Create key" }).click();
      await expect(page.getByTestId("ssh-access")).toBeVisible({ timeout: 30_000 });
      await expectAccessible(page, `SSH tab with a key (${scheme})`);
    }
  } finally {
    await page.evaluate((target) => fetch(`/api/sandbox/${target}`, { method: "DELETE" }), id);
  }
});

test("axe finds nothing on the Files tab, its preview and its dialogs, light and dark", async ({ page }) => {
  const user = await newUser();
  await signIn(page, user);
  const created = await page.evaluate(async () => {
    const response = await fetch("/api/sandbox", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    return (await response.json()) as { instance: { id: string } };
  });
  const id = created.instance.id;
  await page.evaluate(
    (sandbox) =>
      fetch(`/api/sandbox/${sandbox}/exec`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ command: "mkdir -p docs && printf 'export const a = 1; // note\\n' > main.ts && touch .hidden" }),
      }),
    id,
  );
  const files = page.getByTestId("files-list");
  const slow = { timeout: 60_000 };
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/dashboard/sandbox/${id}?tab=files`);
    await expect(files.getByRole("button", { name: "main.ts", exact: true })).toBeVisible(slow);
    await page.getByLabel(/Hidden files/).check();
    await expectAccessible(page, `files tab (${scheme})`);
    await files.getByRole("button", { name: "Actions for docs" }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await expectAccessible(page, `file menu (${scheme})`);
    await page.getByRole("menuitem", { name: "Rename…" }).click();
    await expect(page.getByRole("dialog", { name: "Rename" })).toBeVisible();
    await expectAccessible(page, `rename dialog (${scheme})`);
    await page.keyboard.press("Escape");
    await files.getByRole("button", { name: "Actions for docs" }).click();
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expectAccessible(page, `delete confirmation (${scheme})`);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "New folder" }).click();
    const create = page.getByRole("dialog", { name: "New folder" });
    await create.getByLabel("Name").fill("a/b");
    await create.getByRole("button", { name: "Create" }).click();
    await expect(create.getByRole("alert")).toBeVisible();
    await expectAccessible(page, `new folder dialog with an error (${scheme})`);
    await page.keyboard.press("Escape");
    await page.getByTestId("files-upload-input").setInputFiles({ name: "main.ts", mimeType: "text/plain", buffer: Buffer.from("x") });
    await expect(page.getByRole("alertdialog", { name: "Replace main.ts?" })).toBeVisible(slow);
    await expectAccessible(page, `replace confirmation (${scheme})`);
    await page.keyboard.press("Escape");
    await files.getByRole("button", { name: "main.ts", exact: true }).click();
    await expect(page.getByTestId("file-content").locator("span[style*='color']").first()).toBeVisible(slow);
    await expectAccessible(page, `file preview (${scheme})`);
  }
  await page.evaluate(
    (sandbox) =>
      fetch(`/api/sandbox/${sandbox}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: '{"action":"stop"}' }),
    id,
  );
  await page.goto(`/dashboard/sandbox/${id}?tab=files`);
  await expect(page.getByTestId("files-read-only")).toBeVisible();
  await expectAccessible(page, "files tab of a stopped sandbox");
});
