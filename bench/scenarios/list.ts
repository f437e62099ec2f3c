import { randomBytes } from "node:crypto";
import { interleaved, round, summarize } from "../lib/stats.ts";
import { appRequest, type SignedIn } from "../lib/session.ts";
import { cpuPerCall } from "../lib/cpu.ts";
import type { BenchContext } from "../lib/context.ts";

const endedStatuses = ["stopped", "failed", "expired"] as const;

/** Gives `user` (bob unless said) `rows` ended sandboxes (written with the service role), so nothing sweeps or reconciles them. */
export async function seedRows(ctx: BenchContext, rows: number, user: SignedIn = ctx.bob): Promise<void> {
  const now = Date.now();
  const all = Array.from({ length: rows }, (_, i) => ({
    user_id: user.userId,
    sandbox_id: `sbx-${randomBytes(6).toString("hex")}`,
    status: endedStatuses[i % endedStatuses.length],
    created_at: new Date(now - i * 60_000).toISOString(),
    stopped_at: new Date(now - i * 60_000 + 30_000).toISOString(),
    stop_reason: "user_requested" as const,
  }));
  for (let i = 0; i < all.length; i += 250) {
    const { error } = await ctx.service.from("sandbox_instances").insert(all.slice(i, i + 250));
    if (error) throw new Error(`seed rows: ${error.message}`);
  }
}

/** GET /api/sandbox (first page) for a user with `listRows` rows: latency beside the same query sent straight, then load. */
export async function benchList(ctx: BenchContext) {
  await seedRows(ctx, ctx.sizes.listRows);
  const { count } = await ctx.bob.client.from("sandbox_instances").select("id", { count: "exact", head: true });
  const viaApi = async () => {
    const answer = await appRequest(ctx.urls.appUrl, ctx.bob, "GET", "/api/sandbox");
    if (answer.status !== 200 || (answer.body as { pagination: { total: number } }).pagination.total !== count)
      throw new Error(`list through the API: ${answer.status}`);
  };
  const direct = async () => {
    const { error } = await ctx.bob.client
      .from("sandbox_instances")
      .select("*", { count: "exact" })
      .order("created_at", { ascending: false })
      .order("id", { ascending: true })
      .range(0, 49);
    if (error) throw error;
  };
  await interleaved(5, viaApi, direct);
  const { result: times, cpuMsPerCall } = await cpuPerCall(ctx.appPgid, ctx.sizes.list, () => interleaved(ctx.sizes.list, viaApi, direct));
  const api = summarize(times.a);
  const straight = summarize(times.b);
  return {
    rows: count,
    api,
    direct: straight,
    added: { p50: round(api.p50 - straight.p50), p95: round(api.p95 - straight.p95) },
    direct_is: "the same query as the user through supabase-js (PostgREST, RLS)",
    app_cpu_ms_per_call: cpuMsPerCall,
    load: await load(ctx, viaApi),
    // The same load on PostgREST alone: the ceiling the route cannot beat.
    direct_load: await load(ctx, direct),
    // The same load on a route that does nothing (the proxy, then OPTIONS): what Next alone serves here.
    floor_load: await load(ctx, nextFloor(ctx.urls.appUrl)),
  };
}

/** OPTIONS /api/sandbox: the proxy and a route handler, no session, no upstream call. */
const nextFloor = (appUrl: string) => async () => {
  const response = await fetch(`${appUrl}/api/sandbox`, { method: "OPTIONS" });
  await response.arrayBuffer();
  if (response.status !== 204) throw new Error(`OPTIONS /api/sandbox: ${response.status}`);
};

/** `loadClients` clients each sending `request` back to back for `loadSeconds`. */
async function load(ctx: BenchContext, request: () => Promise<void>) {
  const deadline = performance.now() + ctx.sizes.loadSeconds * 1000;
  let ok = 0;
  let errors = 0;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: ctx.sizes.loadClients }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await request();
          ok++;
        } catch (error) {
          errors++;
          const key = (error as Error).message.slice(0, 60);
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    clients: ctx.sizes.loadClients,
    seconds: round(seconds),
    requests: ok + errors,
    rps: round(ok / seconds),
    errors,
    error_kinds: statuses,
    latency: summarize(latencies),
  };
}
