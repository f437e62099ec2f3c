import "server-only";
import { ApiError } from "@/lib/api/errors";
import { OrchestratorError } from "@/lib/orchestrator/errors";
import { deleteSandboxRow } from "../data/delete-sandbox-row";
import { isCreateInFlight } from "../data/pending-create";
import { createHoldSeconds } from "../data/sandbox-slots";
import { creatingStatuses, isEnded } from "../status";
import type { SandboxInstance } from "../types";
import type { SandboxCaller } from "./sandbox-caller";
import { execTargets } from "../exec-targets";
import { findOwnSandbox } from "./find-own-sandbox";

/**
 * Kills the sandbox if it still runs (no sync), then removes its row. If the kill
 * fails the row stays. A sandbox still being created is refused: its create would
 * write the row again once the orchestrator answers.
 */
export async function deleteSandbox(caller: SandboxCaller, id: string): Promise<void> {
  execTargets.forget(id);
  const row = await findOwnSandbox(caller, id);
  if (await isBeingCreated(row)) {
    throw new ApiError("conflict", "This sandbox is still being created. Stop it, or wait until it is ready, then delete it.", {
      status: row.status,
    });
  }
  if (!isEnded(row.status)) {
    try {
      await caller.orchestrator.destroySandbox(row.sandbox_id, false);
    } catch (error) {
      if (!(error instanceof OrchestratorError && error.kind === "not_found")) throw error;
    }
  }
  await deleteSandboxRow(row.id);
}

/**
 * A stopped, failed or expired sandbox never is. Otherwise: creating or starting and young
 * enough for its create to be still waiting on the orchestrator, or ready with its create's
 * slot reservation still held (the orchestrator answered, the row is not recorded yet).
 * A row stuck past that can be deleted.
 */
async function isBeingCreated(row: SandboxInstance, now = Date.now()): Promise<boolean> {
  if (isEnded(row.status) || now - Date.parse(row.created_at) >= createHoldSeconds * 1000) return false;
  return creatingStatuses.includes(row.status) || (await isCreateInFlight(row.id));
}
