import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { readJsonBody } from "@/lib/api/read-json-body";
import { parseOrThrow } from "@/lib/api/validation";
import { makeFolder } from "@/lib/sandbox/files/change-files";
import { fileMkdirSchema, maxBodyBytes, sandboxParamsSchema } from "@/lib/sandbox/schemas";

export const POST = apiRoute<{ id: string }>("/api/sandbox/[id]/files/mkdir", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  const input = await readJsonBody(context.request, fileMkdirSchema, maxBodyBytes);
  return json(await makeFolder(context, id, input.path, input.name, context.request.signal), 201);
});

const allowed = allowOnly("POST");
export const GET = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
