import "server-only";
import { markSandboxStopped } from "../data/mark-sandbox-stopped";
import { isEnded } from "../status";
import type { SandboxInstance } from "../types";
import type { SandboxCaller } from "./sandbox-caller";
import { execTargets } from "../exec-targets";
import { findOwnSandbox } from "./find-own-sandbox";
import { rethrowIfGone } from "./rethrow-if-gone";
import { rethrowIfDropped } from "./rethrow-if-dropped";

/** Graceful stop; stopping a sandbox that has already ended is a success that changes nothing. */
export async function stopSandbox(caller: SandboxCaller, id: string): Promise<SandboxInstance> {
  execTargets.forget(id);
  const row = await findOwnSandbox(caller, id);
  if (isEnded(row.status)) return row;
  try {
    await caller.orchestrator.destroySandbox(row.sandbox_id, true);
  } catch (error) {
    rethrowIfDropped(
      error,
      "The sandbox service stopped answering before the stop finished. Its status shows how far it got: a sandbox left stopping is stopped once the service is back.",
    );
    await rethrowIfGone(error, row);
  }
  return markSandboxStopped(row.id, "user_requested");
}
