import { apiRoute, json } from "@/lib/api/api-route";
import { parseOrThrow } from "@/lib/api/validation";
import { readJsonBody } from "@/lib/api/read-json-body";
import { takeExecRateLimit } from "@/lib/sandbox/exec-rate-limit";
import { execInSandbox } from "@/lib/sandbox/operations/exec-in-sandbox";
import { execSchema, maxBodyBytes, sandboxParamsSchema } from "@/lib/sandbox/schemas";
import { allowOnly } from "@/lib/api/method-not-allowed";

// A command may run for up to 600 s.
export const maxDuration = 620;

export const POST = apiRoute<{ id: string }>("/api/sandbox/[id]/exec", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  await takeExecRateLimit(context.userId);
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
