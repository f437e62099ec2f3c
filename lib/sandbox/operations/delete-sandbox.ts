import "server-only";
import { OrchestratorError } from "@/lib/orchestrator/errors";
import { deleteSandboxRow } from "../data/delete-sandbox-row";
import { terminalStatuses } from "../types";
import type { SandboxCaller } from "./context";
import { findOwnSandbox } from "./find-own-sandbox";

/** Kills the sandbox if it still runs (no sync), then removes its row. If the kill fails the row stays. */
export async function deleteSandbox(caller: SandboxCaller, id: string): Promise<void> {
  const row = await findOwnSandbox(caller, id);
  if (!terminalStatuses.includes(row.status)) {
    try {
      await caller.orchestrator.destroySandbox(row.sandbox_id, false);
    } catch (error) {
      if (!(error instanceof OrchestratorError && error.kind === "not_found")) throw error;
    }
  }
  await deleteSandboxRow(row.id);
}
