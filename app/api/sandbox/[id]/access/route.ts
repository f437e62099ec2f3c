import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { parseOrThrow } from "@/lib/api/validation";
import { requestAccess } from "@/lib/sandbox/operations/request-access";
import { sandboxParamsSchema } from "@/lib/sandbox/schemas";

// The answer holds a private key: apiRoute marks it no-store and logs none of it.
export const POST = apiRoute<{ id: string }>("/api/sandbox/[id]/access", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  return json({ access: await requestAccess(context, id, context.request.signal) });
});

const allowed = allowOnly("POST");
export const GET = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
