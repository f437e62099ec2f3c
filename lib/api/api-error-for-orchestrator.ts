import { OrchestratorError } from "@/lib/orchestrator/errors";
import { log } from "@/lib/log";
import { ApiError } from "./errors";

/** What the user is told when the orchestrator fails; the route decides about not_found itself. */
export function apiErrorForOrchestrator(error: OrchestratorError): ApiError {
  switch (error.kind) {
    case "unavailable":
      return new ApiError("orchestrator_unavailable", "The sandbox service is not reachable right now. Try again in a moment.");
    case "dropped":
      return new ApiError(
        "orchestrator_unavailable",
        "The sandbox service stopped answering before it replied: what you asked may or may not have happened. Try again in a moment.",
      );
    case "timeout":
      return new ApiError("orchestrator_timeout", error.message);
    case "misconfigured":
      log.error(`The orchestrator refused the dashboard's API key (HTTP ${error.upstreamStatus}): check MATRX_ORCHESTRATOR_API_KEY.`);
      return new ApiError(
        "orchestrator_misconfigured",
        "The dashboard is not set up correctly to reach the sandbox service. An administrator has to fix its configuration.",
      );
    case "rejected":
      return error.upstreamStatus === 400
        ? new ApiError("conflict", `The sandbox cannot do that now: ${error.message}`)
        : new ApiError("validation", `The sandbox service refused the request: ${error.message}`);
    case "not_found":
      return new ApiError("gone", "This sandbox no longer exists on the sandbox service.");
    case "server_error":
    case "malformed":
      return new ApiError("orchestrator_error", `The sandbox service failed: ${error.message}`, {
        upstream_status: error.upstreamStatus,
      });
  }
}
