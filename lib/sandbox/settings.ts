import "server-only";
import { getServerEnv } from "@/lib/env.server";

export function sandboxSettings() {
  const env = getServerEnv();
  return {
    activeLimit: env.SANDBOX_ACTIVE_LIMIT,
    execRate: { limit: env.SANDBOX_EXEC_RATE_LIMIT, windowMs: env.SANDBOX_EXEC_RATE_WINDOW_SECONDS * 1000 },
    toolExecRate: { limit: env.SANDBOX_TOOL_EXEC_RATE_LIMIT, windowMs: env.SANDBOX_EXEC_RATE_WINDOW_SECONDS * 1000 },
  };
}
