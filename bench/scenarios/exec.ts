import { interleaved, round, summarize } from "../lib/stats.ts";
import { cpuPerCall } from "../lib/cpu.ts";
import { appRequest, expectStatus, orchestratorRequest } from "../lib/session.ts";
import { createReadySandbox } from "../lib/sandboxes.ts";
import type { BenchContext } from "../lib/context.ts";

/** `true` through POST /api/sandbox/{id}/exec against the same command sent straight to the orchestrator. */
export async function benchExec(ctx: BenchContext) {
  const sandbox = await createReadySandbox(ctx, ctx.alice.userId);
  const body = { command: "true", timeout: 30 };
  const viaApi = async () =>
    expectStatus(
      await appRequest(ctx.urls.appUrl, ctx.alice, "POST", `/api/sandbox/${sandbox.id}/exec`, body),
      200,
      "exec through the API",
    );
  const direct = async () =>
    expectStatus(
      await orchestratorRequest(ctx.urls.orchestratorUrl, ctx.orchestratorApiKey, "POST", `/sandboxes/${sandbox.sandboxId}/exec`, {
        ...body,
        cwd: null,
      }),
      200,
      "exec on the orchestrator",
    );
  await interleaved(10, viaApi, direct); // warm-up, not counted
  const { result: times, cpuMsPerCall } = await cpuPerCall(ctx.appPgid, ctx.sizes.exec, () => interleaved(ctx.sizes.exec, viaApi, direct));
  const api = summarize(times.a);
  const orchestrator = summarize(times.b);
  return {
    api,
    direct: orchestrator,
    added: { p50: round(api.p50 - orchestrator.p50), p95: round(api.p95 - orchestrator.p95) },
    /** CPU time `next start` spent per API call: the dashboard's own cost, robust to a loaded machine. */
    app_cpu_ms_per_call: cpuMsPerCall,
    sandboxId: sandbox.id,
  };
}
