import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { parseOrThrow } from "@/lib/api/validation";
import { listProcesses } from "@/lib/sandbox/operations/list-processes";
import { sandboxParamsSchema } from "@/lib/sandbox/schemas";

export const GET = apiRoute<{ id: string }>("/api/sandbox/[id]/processes", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  const processes = await listProcesses(context, id, context.request.signal);
  return json({ processes });
});

const allowed = allowOnly("GET");
export const POST = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
