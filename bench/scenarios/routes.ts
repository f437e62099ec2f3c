import { interleaved, round, settleMs, summarize, type Summary } from "../lib/stats.ts";
import { appRequest, expectStatus, orchestratorRequest } from "../lib/session.ts";
import { createReadySandbox } from "../lib/sandboxes.ts";
import { cpuPerCall } from "../lib/cpu.ts";
import type { BenchContext } from "../lib/context.ts";

export interface Compared {
  api: Summary;
  direct: Summary;
  added: { p50: number; p95: number };
  direct_is: string;
}

function compare(a: number[], b: number[], directIs: string): Compared {
  const api = summarize(a);
  const direct = summarize(b);
  return { api, direct, added: { p50: round(api.p50 - direct.p50), p95: round(api.p95 - direct.p95) }, direct_is: directIs };
}

/** One timed run of each, the API side first in even rounds and second in odd ones. */
async function pair(index: number, into: { a: number[]; b: number[] }, a: () => Promise<void>, b: () => Promise<void>) {
  const timed = async (fn: () => Promise<void>, list: number[]) => {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const started = performance.now();
    await fn();
    list.push(performance.now() - started);
  };
  if (index % 2 === 0) {
    await timed(a, into.a);
    await timed(b, into.b);
  } else {
    await timed(b, into.b);
    await timed(a, into.a);
  }
}

/** GET /api/sandbox/{id}, PATCH stop and DELETE, each beside what it does upstream, sent straight. */
export async function benchRoutes(ctx: BenchContext, sandboxId: string) {
  const { alice } = ctx;
  const { result: get, cpuMsPerCall: getCpu } = await cpuPerCall(ctx.appPgid, ctx.sizes.get, () =>
    interleaved(
      ctx.sizes.get,
      async () => expectStatus(await appRequest(ctx.urls.appUrl, alice, "GET", `/api/sandbox/${sandboxId}`), 200, "GET through the API"),
      async () => {
        const { data, error } = await alice.client.from("sandbox_instances").select("*").eq("id", sandboxId).maybeSingle();
        if (error || !data) throw new Error(`read the row as the user: ${error?.message ?? "no row"}`);
      },
    ),
  );

  // Stop and delete each end a sandbox: two fresh ones per round, one for each side.
  const stop = { a: [] as number[], b: [] as number[] };
  const del = { a: [] as number[], b: [] as number[] };
  const orch = (method: string, path: string) => orchestratorRequest(ctx.urls.orchestratorUrl, ctx.orchestratorApiKey, method, path);
  for (let i = 0; i < ctx.sizes.stopDelete; i++) {
    const [s1, s2, d1, d2] = [
      await createReadySandbox(ctx, alice.userId),
      await createReadySandbox(ctx, alice.userId),
      await createReadySandbox(ctx, alice.userId),
      await createReadySandbox(ctx, alice.userId),
    ];
    await pair(
      i,
      stop,
      async () =>
        expectStatus(
          await appRequest(ctx.urls.appUrl, alice, "PATCH", `/api/sandbox/${s1.id}`, { action: "stop" }),
          200,
          "stop through the API",
        ),
      async () => expectStatus(await orch("DELETE", `/sandboxes/${s2.sandboxId}?graceful=true`), 204, "stop on the orchestrator"),
    );
    await pair(
      i,
      del,
      async () => expectStatus(await appRequest(ctx.urls.appUrl, alice, "DELETE", `/api/sandbox/${d1.id}`), 204, "delete through the API"),
      async () => {
        expectStatus(await orch("DELETE", `/sandboxes/${d2.sandboxId}?graceful=false`), 204, "kill on the orchestrator");
        const { error } = await ctx.service.from("sandbox_instances").delete().eq("id", d2.id);
        if (error) throw error;
      },
    );
    await ctx.service.from("sandbox_instances").delete().in("id", [s1.id, s2.id]);
  }
  return {
    get: { ...compare(get.a, get.b, "the row read as the user through supabase-js (PostgREST, RLS)"), app_cpu_ms_per_call: getCpu },
    stop: compare(stop.a, stop.b, "orchestrator DELETE ?graceful=true"),
    delete: compare(del.a, del.b, "orchestrator DELETE ?graceful=false, then the row deleted with the service role"),
  };
}
