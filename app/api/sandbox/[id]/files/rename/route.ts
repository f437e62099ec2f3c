import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { readJsonBody } from "@/lib/api/read-json-body";
import { parseOrThrow } from "@/lib/api/validation";
import { renameEntry } from "@/lib/sandbox/files/change-files";
import { fileRenameSchema, maxBodyBytes, sandboxParamsSchema } from "@/lib/sandbox/schemas";

export const POST = apiRoute<{ id: string }>("/api/sandbox/[id]/files/rename", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  const input = await readJsonBody(context.request, fileRenameSchema, maxBodyBytes);
  return json(await renameEntry(context, id, input.path, input.new_name, context.request.signal), 200);
});

const allowed = allowOnly("POST");
export const GET = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
