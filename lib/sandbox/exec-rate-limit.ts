import "server-only";
import { ApiError } from "@/lib/api/errors";
import { createServiceClient } from "@/lib/supabase/service";
import { DataError } from "@/lib/supabase/data-error";
import { sandboxSettings } from "./settings";

/**
 * Whose commands a check counts: the ones the user types ("terminal") or the ones the dashboard's
 * views run for them ("tools": files, processes, usage). Each has its own count, so browsing never
 * uses up the terminal's budget.
 */
export type ExecBudget = "terminal" | "tools";

/**
 * Counts one command for the user, or refuses it (429 with Retry-After) when they sent too many.
 * Counted in Postgres (`take_exec_rate_limit`, one atomic call) so every server instance shares
 * one count: kept in each process's memory, N instances allowed N times the limit.
 */
export async function takeExecRateLimit(userId: string, budget: ExecBudget = "terminal"): Promise<void> {
  const settings = sandboxSettings();
  const rate = budget === "terminal" ? settings.execRate : settings.toolExecRate;
  const { data: retryAfterSeconds, error } = await createServiceClient().rpc("take_exec_rate_limit", {
    p_user_id: userId,
    p_limit: rate.limit,
    p_window_seconds: rate.windowMs / 1000,
    p_budget: budget,
  });
  if (error) throw new DataError("check the command rate limit", error);
  if (retryAfterSeconds) {
    const what = budget === "terminal" ? "commands" : "file and process requests";
    throw new ApiError(
      "rate_limited",
      `Too many ${what}: at most ${rate.limit} every ${rate.windowMs / 1000} s. Try again in ${retryAfterSeconds} s.`,
      { retry_after_seconds: retryAfterSeconds },
      { "Retry-After": String(retryAfterSeconds) },
    );
  }
}
