import { expectStatus, orchestratorRequest } from "./session.ts";
import type { BenchContext } from "./context.ts";

/** A ready sandbox of `userId`, created straight on the orchestrator (it writes the row), and its dashboard id. */
export async function createReadySandbox(ctx: BenchContext, userId: string): Promise<{ id: string; sandboxId: string }> {
  const created = await orchestratorRequest(ctx.urls.orchestratorUrl, ctx.orchestratorApiKey, "POST", "/sandboxes", {
    user_id: userId,
    config: {},
  });
  expectStatus(created, 201, "create a sandbox on the orchestrator");
  const sandboxId = (created.body as { sandbox_id: string; status: string }).sandbox_id;
  const status = (created.body as { status: string }).status;
  if (status !== "ready") throw new Error(`the new sandbox is ${status}, not ready`);
  const { data, error } = await ctx.service.from("sandbox_instances").select("id").eq("sandbox_id", sandboxId).single();
  if (error) throw error;
  return { id: data.id, sandboxId };
}
