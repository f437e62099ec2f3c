import "server-only";
import { ApiError } from "@/lib/api/errors";
import { createServiceClient } from "@/lib/supabase/service";
import { DataError } from "@/lib/supabase/data-error";
import { sandboxSettings } from "./settings";

/**
 * Counts one command for the user, or refuses it (429 with Retry-After) when they sent too many.
 * Counted in Postgres (`take_exec_rate_limit`, one atomic call) so every server instance shares
 * one count: kept in each process's memory, N instances allowed N times the limit.
 */
export async function takeExecRateLimit(userId: string): Promise<void> {
  const { execRate } = sandboxSettings();
  const { data: retryAfterSeconds, error } = await createServiceClient().rpc("take_exec_rate_limit", {
    p_user_id: userId,
    p_limit: execRate.limit,
    p_window_seconds: execRate.windowMs / 1000,
  });
  if (error) throw new DataError("check the command rate limit", error);
  if (retryAfterSeconds) {
    throw new ApiError(
      "rate_limited",
      `Too many commands: at most ${execRate.limit} every ${execRate.windowMs / 1000} s. Try again in ${retryAfterSeconds} s.`,
      { retry_after_seconds: retryAfterSeconds },
      { "Retry-After": String(retryAfterSeconds) },
    );
  }
}
