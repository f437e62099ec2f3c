import { SandboxApiError } from "@/lib/sandbox/api-client";
import type { SandboxInstance } from "@/lib/sandbox/types";

export interface ExecErrorReport {
  /** One line for the terminal. */
  line: string;
  /** Seconds the prompt waits before coming back (rate limited). */
  waitSeconds?: number;
  /** The sandbox row the server sent with `gone`. */
  instance?: SandboxInstance;
}

/** What a failed exec means for the person at the terminal. */
export function describeExecError(error: unknown): ExecErrorReport {
  if (!(error instanceof SandboxApiError)) {
    return { line: `The command could not be sent (${error instanceof Error ? error.message : String(error)}).` };
  }
  const { problem } = error;
  switch (problem.code) {
    case "rate_limited": {
      const waitSeconds = Math.max(1, Math.ceil(error.retryAfterSeconds ?? 5));
      return { line: `Too many commands: ${error.message} The prompt returns in ${waitSeconds} s.`, waitSeconds };
    }
    case "conflict": {
      const details = problem.details;
      const status = details && "status" in details ? details.status : undefined;
      return { line: `The sandbox is not running${status ? ` (it is ${status})` : ""}, so it cannot run commands.` };
    }
    case "gone": {
      const instance = problem.details?.instance;
      return { line: "The sandbox no longer exists on the orchestrator; it is now marked stopped.", instance };
    }
    case "orchestrator_unavailable":
    case "orchestrator_timeout":
      // The server's words say what became of the command: never sent (unreachable), lost with a
      // service that went away under it, or how long it waited.
      return { line: error.message };
    case "network":
      return { line: "Network error: the dashboard's server could not be reached. Retry the last command with Up then Enter." };
    default:
      return { line: error.message };
  }
}
