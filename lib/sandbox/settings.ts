import "server-only";
import { getServerEnv } from "@/lib/env.server";

export function sandboxSettings() {
  const env = getServerEnv();
  return {
    activeLimit: env.SANDBOX_ACTIVE_LIMIT,
    execRate: { limit: env.SANDBOX_EXEC_RATE_LIMIT, windowMs: env.SANDBOX_EXEC_RATE_WINDOW_SECONDS * 1000 },
  };
}
