import { ApiError } from "@/lib/api/errors";
import { OrchestratorError } from "@/lib/orchestrator/errors";
import { markSandboxStopped } from "../data/mark-sandbox-stopped";
import type { SandboxInstance } from "../types";

/** When the orchestrator no longer knows a sandbox, its row is ended and the caller told it is gone (410). */
export async function rethrowIfGone(error: unknown, row: SandboxInstance): Promise<never> {
  if (error instanceof OrchestratorError && error.kind === "not_found") {
    const stopped = await markSandboxStopped(row.id, "error");
    throw new ApiError("gone", "This sandbox no longer exists on the sandbox service. It is now marked stopped.", {
      instance: stopped,
    });
  }
  throw error;
}
