import { randomBytes } from "node:crypto";
import { summarize } from "../lib/stats.ts";
import type { BenchContext } from "../lib/context.ts";
import { subscribed } from "../../tests/helpers/subscribed.ts";

/**
 * An UPDATE of a sandbox_instances row (sent with the service role through PostgREST, as the
 * orchestrator writes) until alice's subscribed supabase-js client sees it in its callback.
 */
export async function benchRealtime(ctx: BenchContext) {
  const { data: row, error } = await ctx.service
    .from("sandbox_instances")
    .insert({
      user_id: ctx.alice.userId,
      sandbox_id: `sbx-${randomBytes(6).toString("hex")}`,
      status: "stopped",
      stop_reason: "user_requested",
    })
    .select("id")
    .single();
  if (error) throw error;

  const waiting = new Map<string, (at: number) => void>();
  const channel = ctx.alice.client.channel(`bench-${randomBytes(4).toString("hex")}`);
  channel.on(
    "postgres_changes" as never,
    { event: "UPDATE", schema: "public", table: "sandbox_instances", filter: `id=eq.${row.id}` } as never,
    (payload: { new: { last_heartbeat_at: string | null } }) => {
      const at = performance.now();
      const stamp = payload.new.last_heartbeat_at;
      if (stamp) waiting.get(new Date(stamp).toISOString())?.(at);
    },
  );
  await subscribed(channel);

  const times: number[] = [];
  let missed = 0;
  const base = Date.now();
  for (let i = 0; i < ctx.sizes.realtime + 5; i++) {
    const stamp = new Date(base + i * 1000).toISOString();
    const seen = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 5_000);
      waiting.set(stamp, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
    const started = performance.now();
    const { error: updateError } = await ctx.service.from("sandbox_instances").update({ last_heartbeat_at: stamp }).eq("id", row.id);
    if (updateError) throw updateError;
    const at = await seen;
    waiting.delete(stamp);
    if (i < 5) continue; // warm-up
    if (at === null) missed++;
    else times.push(at - started);
  }
  await ctx.alice.client.removeChannel(channel);
  await ctx.service.from("sandbox_instances").delete().eq("id", row.id);
  return { ...summarize(times), missed, timed_from: "the UPDATE request sent (PostgREST, service role)" };
}
