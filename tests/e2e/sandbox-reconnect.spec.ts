import { expect, test } from "@playwright/test";
import { insertSandbox, newUser, rowOf, signIn } from "./sandbox-helpers.ts";
import { sql, startSupabase, stopSupabase } from "./stack-control.ts";

test.setTimeout(180_000);

test("with local Supabase stopped the page says Reconnecting…, and once it is back it resyncs with what changed meanwhile", async ({
  page,
}) => {
  const user = await newUser();
  const kept = await insertSandbox(user.id, { status: "ready" });
  await signIn(page, user, "/dashboard/sandbox");
  const indicator = page.getByTestId("live-indicator");
  await expect(indicator).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });
  await expect(rowOf(page, kept.sandboxId)).toHaveAttribute("data-status", "ready");

  await stopSupabase();
  try {
    await expect(indicator).toContainText("Reconnecting…", { timeout: 30_000 });
    // Changes while nothing can tell the page: realtime has no replay.
    await sql(
      "update public.sandbox_instances set status = 'failed', stop_reason = 'error', stopped_at = now(), updated_at = now() where id = $1",
      [kept.id],
    );
    const meanwhile = await insertSandbox(user.id, { status: "ready" });
    await expect(rowOf(page, meanwhile.sandboxId)).toHaveCount(0);
    await startSupabase();
    await expect(indicator).toHaveAttribute("data-realtime", "live", { timeout: 60_000 });
    await expect(rowOf(page, meanwhile.sandboxId)).toHaveAttribute("data-status", "ready");
    await expect(rowOf(page, kept.sandboxId)).toHaveAttribute("data-status", "failed");
  } finally {
    await startSupabase();
  }
});
