import { expect, test, type Page } from "./fixtures.ts";
import { insertSandbox, newUser, rowOf, signIn } from "./sandbox-helpers.ts";
import { sql, startSupabase, stopSupabase } from "./stack-control.ts";
import { createSandbox, openTerminal, run, terminalLines, waitForPrompt } from "./terminal-page.ts";

test.setTimeout(180_000);

const indicator = (page: Page) => page.getByTestId("live-indicator");
const statusOnDetail = (page: Page) => page.locator("h1 ~ [data-status]");

test("with local Supabase stopped, the list, a detail page and a terminal say Reconnecting…; once it is back they resync with what changed meanwhile and the terminal keeps its transcript", async ({
  page,
  context,
}) => {
  const user = await newUser();
  const kept = await insertSandbox(user.id, { status: "ready" });
  await signIn(page, user, "/dashboard/sandbox");
  await expect(indicator(page)).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });
  await expect(rowOf(page, kept.sandboxId)).toHaveAttribute("data-status", "ready");

  const detail = await context.newPage();
  await detail.goto(`/dashboard/sandbox/${kept.id}`);
  await expect(indicator(detail)).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });
  await expect(statusOnDetail(detail)).toHaveAttribute("data-status", "ready");

  const terminal = await context.newPage();
  await terminal.goto("/dashboard");
  const sandbox = await createSandbox(terminal);
  await openTerminal(terminal, sandbox.id);
  await waitForPrompt(terminal);
  await run(terminal, "echo kept-in-the-transcript");
  await waitForPrompt(terminal);
  await expect(indicator(terminal)).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });

  await stopSupabase();
  try {
    for (const open of [page, detail, terminal]) await expect(indicator(open)).toContainText("Reconnecting…", { timeout: 30_000 });
    // Not live, the list polls: the API cannot check the session or read rows, and the page says so.
    await expect(page.getByTestId("list-error")).toContainText(/could not be loaded[\s\S]*not reachable/, { timeout: 30_000 });
    // Changes while nothing can tell the pages: realtime has no replay.
    await sql(
      "update public.sandbox_instances set status = 'failed', stop_reason = 'error', stopped_at = now(), updated_at = now() where id = $1",
      [kept.id],
    );
    const meanwhile = await insertSandbox(user.id, { status: "ready" });
    await expect(rowOf(page, meanwhile.sandboxId)).toHaveCount(0);
    await startSupabase();
    for (const open of [page, detail, terminal])
      await expect(indicator(open)).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });
    await expect(rowOf(page, meanwhile.sandboxId)).toHaveAttribute("data-status", "ready");
    await expect(rowOf(page, kept.sandboxId)).toHaveAttribute("data-status", "failed");
    await expect(page.getByTestId("list-error")).toHaveCount(0);
    await expect(statusOnDetail(detail)).toHaveAttribute("data-status", "failed");
    await expect(detail.getByTestId("ended-notice")).toBeVisible();
    // The terminal kept its screen, and runs commands again.
    expect((await terminalLines(terminal)).join("\n")).toContain("kept-in-the-transcript");
    await run(terminal, "echo after-the-restart");
    await waitForPrompt(terminal);
    expect((await terminalLines(terminal)).join("\n")).toMatch(/kept-in-the-transcript[\s\S]*after-the-restart/);
  } finally {
    await startSupabase();
    await terminal.evaluate((id) => fetch(`/api/sandbox/${id}`, { method: "DELETE" }), sandbox.id).catch(() => {});
  }
});
