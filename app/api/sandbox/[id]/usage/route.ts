import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { parseOrThrow } from "@/lib/api/validation";
import { readUsage } from "@/lib/sandbox/operations/read-usage";
import { sandboxParamsSchema } from "@/lib/sandbox/schemas";

export const GET = apiRoute<{ id: string }>("/api/sandbox/[id]/usage", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  return json({ usage: await readUsage(context, id, context.request.signal) });
});

const allowed = allowOnly("GET");
export const POST = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
