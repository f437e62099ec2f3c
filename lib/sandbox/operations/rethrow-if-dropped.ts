import { ApiError } from "@/lib/api/errors";
import { OrchestratorError } from "@/lib/orchestrator/errors";

/**
 * When the orchestrator went away in the middle of a request (killed, restarted), the caller is
 * told what that means for the action it asked for; any other failure is left to the caller.
 */
export function rethrowIfDropped(error: unknown, message: string): void {
  if (error instanceof OrchestratorError && error.kind === "dropped") throw new ApiError("orchestrator_unavailable", message);
}
