import { round, rotated, summarize } from "../lib/stats.ts";
import { cpuPerCall } from "../lib/cpu.ts";
import { appRequest, expectStatus, orchestratorRequest } from "../lib/session.ts";
import { createReadySandbox } from "../lib/sandboxes.ts";
import type { BenchContext } from "../lib/context.ts";
import { shellScript } from "../../lib/sandbox/shell/shell-script.ts";

/**
 * `true` through POST /api/sandbox/{id}/exec against the same upstream request sent straight to the
 * orchestrator (the route's shell script around `true`, lib/sandbox/shell), and beside the bare
 * `true`: the script's own cost in the sandbox.
 */
export async function benchExec(ctx: BenchContext) {
  const sandbox = await createReadySandbox(ctx, ctx.alice.userId);
  const body = { command: "true", timeout: 30 };
  const scripted = { command: shellScript({ command: "true", timeoutSeconds: 30, token: "0123456789abcdef" }), timeout: 35, cwd: null };
  const viaApi = async () =>
    expectStatus(
      await appRequest(ctx.urls.appUrl, ctx.alice, "POST", `/api/sandbox/${sandbox.id}/exec`, body),
      200,
      "exec through the API",
    );
  const straight = (request: object) => async () =>
    expectStatus(
      await orchestratorRequest(ctx.urls.orchestratorUrl, ctx.orchestratorApiKey, "POST", `/sandboxes/${sandbox.sandboxId}/exec`, request),
      200,
      "exec on the orchestrator",
    );
  const direct = straight(scripted);
  const bare = straight({ ...body, cwd: null });
  // The route's upstream calls for a command: the shared rate limit (one call to Postgres), then the exec.
  const limitThenExec = async () => {
    const { error } = await ctx.service.rpc("take_exec_rate_limit", {
      p_user_id: ctx.bob.userId,
      p_limit: 1_000_000,
      p_window_seconds: 10,
    });
    if (error) throw new Error(`take_exec_rate_limit: ${error.message}`);
    await direct();
  };
  // What the route does upstream, sent straight: the row read as the user (RLS), then the command.
  const readThenExec = async () => {
    const { data, error } = await ctx.alice.client.from("sandbox_instances").select("*").eq("id", sandbox.id).maybeSingle();
    if (error || !data) throw new Error(`read the row as the user: ${error?.message ?? "no row"}`);
    await direct();
  };
  await rotated(10, [viaApi, direct, readThenExec, bare, limitThenExec]); // warm-up, not counted
  const { result: times, cpuMsPerCall } = await cpuPerCall(ctx.appPgid, ctx.sizes.exec, () =>
    rotated(ctx.sizes.exec, [viaApi, direct, readThenExec, bare, limitThenExec]),
  );
  const api = summarize(times[0]!);
  const orchestrator = summarize(times[1]!);
  const withRead = summarize(times[2]!);
  const bareTrue = summarize(times[3]!);
  const withLimit = summarize(times[4]!);
  return {
    api,
    direct: orchestrator,
    added: { p50: round(api.p50 - orchestrator.p50), p95: round(api.p95 - orchestrator.p95) },
    /** The row read through PostgREST then the exec, straight: the route's upstream work alone. */
    direct_with_read: withRead,
    added_over_read: { p50: round(api.p50 - withRead.p50), p95: round(api.p95 - withRead.p95) },
    /** CPU time `next start` spent per API call: the dashboard's own cost, robust to a loaded machine. */
    app_cpu_ms_per_call: cpuMsPerCall,
    /** The rate limit call then the exec, straight: the route's upstream calls; and what the route adds over them. */
    direct_with_limit: withLimit,
    added_over_upstream: { p50: round(api.p50 - withLimit.p50), p95: round(api.p95 - withLimit.p95) },
    /** The bare command straight, and what the shell script adds to it in the sandbox. */
    bare: bareTrue,
    script_added: { p50: round(orchestrator.p50 - bareTrue.p50), p95: round(orchestrator.p95 - bareTrue.p95) },
    sandboxId: sandbox.id,
  };
}
