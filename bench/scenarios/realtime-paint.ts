import { randomBytes } from "node:crypto";
import type { Browser, Locator } from "@playwright/test";
import { pageClock, signedInContext, watchScripts } from "../lib/browser.ts";
import { armRowPaint, awaitRowPaint, websocketProbe } from "../lib/paint-probe.ts";
import { round, settleMs, summarize } from "../lib/stats.ts";
import type { BenchContext } from "../lib/context.ts";

/** The two states the row goes back and forth between: both ended, so nothing sweeps or reconciles it. */
const states = [
  { status: "failed", stop_reason: "error" },
  { status: "stopped", stop_reason: "user_requested" },
] as const;

/**
 * An UPDATE of one of alice's rows (service role, through PostgREST, as the orchestrator writes)
 * until her open list page in Chromium shows the new status and has painted a frame with it.
 * Both ends are on this process's clock (the page's converted with a measured offset).
 */
export async function benchRealtimePaint(ctx: BenchContext, browser: Browser) {
  const sandboxId = `sbx-${randomBytes(6).toString("hex")}`;
  const { data: row, error } = await ctx.service
    .from("sandbox_instances")
    .insert({ user_id: ctx.alice.userId, sandbox_id: sandboxId, status: "stopped", stop_reason: "user_requested" })
    .select("id")
    .single();
  if (error) throw error;
  const context = await signedInContext(browser, ctx.urls.appUrl, ctx.alice);
  try {
    await context.addInitScript(websocketProbe);
    const page = await context.newPage();
    const scripts = watchScripts(page);
    await page.goto(`${ctx.urls.appUrl}/dashboard/sandbox`);
    // The newest ended row is the first of its section; realtime must be subscribed before timing.
    await page.locator('[data-testid="live-indicator"][data-realtime="live"]').waitFor({ timeout: 30_000 });
    await scrollIntoView(page.locator(`tr[data-sandbox-id="${sandboxId}"]`));
    const rowsShown = await page.locator('[data-testid="sandbox-row"]').count();
    const clock = await pageClock(page);

    const total: number[] = [];
    const toFrame: number[] = [];
    const frameToDom: number[] = [];
    const domToPaint: number[] = [];
    let missed = 0;
    const warmUp = 3;
    for (let i = 0; i < ctx.sizes.paint + warmUp; i++) {
      const next = states[i % states.length]!;
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      await page.evaluate(armRowPaint, { rowId: row.id, sandboxId, status: next.status });
      const sent = performance.now();
      const { error: updateError } = await ctx.service.from("sandbox_instances").update(next).eq("id", row.id);
      if (updateError) throw updateError;
      const timing = await page.evaluate(awaitRowPaint, 5_000);
      if (i < warmUp) continue;
      if (!timing) {
        missed++;
        continue;
      }
      total.push(clock.toLocal(timing.paintedAt) - sent);
      domToPaint.push(timing.paintedAt - timing.domAt);
      if (timing.frameAt !== null) {
        toFrame.push(clock.toLocal(timing.frameAt) - sent);
        frameToDom.push(timing.domAt - timing.frameAt);
      }
    }
    return {
      ...summarize(total),
      /** What the open list page loaded, lazily loaded chunks included, over the whole run. */
      loaded: await scripts(),
      missed,
      rows_on_page: rowsShown,
      clock_uncertainty_ms: round(clock.uncertaintyMs, 2),
      breakdown_p50: {
        update_to_frame_in_page: summarize(toFrame).p50,
        frame_to_dom: summarize(frameToDom).p50,
        dom_to_painted: summarize(domToPaint).p50,
      },
      timed_from: "the UPDATE request sent (PostgREST, service role) until a frame showing the row's new status was painted",
    };
  } finally {
    await context.close();
    await ctx.service.from("sandbox_instances").delete().eq("id", row.id);
  }
}

/** The list may still swap its rows (the first client fetch replacing the server's) while it is scrolled to. */
async function scrollIntoView(row: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await row.scrollIntoViewIfNeeded({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
