import { ApiError } from "@/lib/api/errors";
import { apiRoute, json } from "@/lib/api/route";
import { createRateLimiter } from "@/lib/api/rate-limit";
import { parseOrThrow } from "@/lib/api/validation";
import { readJsonBody } from "@/lib/api/read-body";
import { execInSandbox } from "@/lib/sandbox/operations/exec-in-sandbox";
import { execSchema, maxBodyBytes, sandboxParamsSchema } from "@/lib/sandbox/schemas";
import { sandboxSettings } from "@/lib/sandbox/settings";
import { allowOnly } from "@/lib/api/method-not-allowed";

// A command may run for up to 600 s.
export const maxDuration = 620;

let limiter: ReturnType<typeof createRateLimiter> | undefined;

export const POST = apiRoute<{ id: string }>("/api/sandbox/[id]/exec", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  const { execRate } = sandboxSettings();
  limiter ??= createRateLimiter(execRate.limit, execRate.windowMs);
  const allowed = limiter.take(context.userId);
  if (!allowed.ok) {
    throw new ApiError(
      "rate_limited",
      `Too many commands: at most ${execRate.limit} every ${execRate.windowMs / 1000} s. Try again in ${allowed.retryAfterSeconds} s.`,
      { retry_after_seconds: allowed.retryAfterSeconds },
      { "Retry-After": String(allowed.retryAfterSeconds) },
    );
  }
  const input = await readJsonBody(context.request, execSchema, maxBodyBytes);
  context.log.extra.command_length = input.command.length;
  const result = await execInSandbox(context, id, input, context.request.signal);
  context.log.extra.exit_code = result.exit_code;
  return json(result);
});

const allowed = allowOnly("POST");
export const GET = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
