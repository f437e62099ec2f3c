import "server-only";
import { ApiError } from "@/lib/api/errors";
import { createRateLimiter } from "@/lib/api/rate-limit";
import { sandboxSettings } from "./settings";

let limiter: ReturnType<typeof createRateLimiter> | undefined;

/** Counts one command for the user, or refuses it (429 with Retry-After) when they sent too many. */
export function takeExecRateLimit(userId: string): void {
  const { execRate } = sandboxSettings();
  // Built on first use: the settings come from the environment, read when a request arrives.
  limiter ??= createRateLimiter(execRate.limit, execRate.windowMs);
  const allowed = limiter.take(userId);
  if (!allowed.ok) {
    throw new ApiError(
      "rate_limited",
      `Too many commands: at most ${execRate.limit} every ${execRate.windowMs / 1000} s. Try again in ${allowed.retryAfterSeconds} s.`,
      { retry_after_seconds: allowed.retryAfterSeconds },
      { "Retry-After": String(allowed.retryAfterSeconds) },
    );
  }
}
