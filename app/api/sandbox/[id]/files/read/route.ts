import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { searchParamsOf } from "@/lib/api/search-params";
import { parseOrThrow } from "@/lib/api/validation";
import { readFilePreview } from "@/lib/sandbox/files/read-file-preview";
import { filePathQuerySchema, sandboxParamsSchema } from "@/lib/sandbox/schemas";

export const GET = apiRoute<{ id: string }>("/api/sandbox/[id]/files/read", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  const { path } = parseOrThrow(filePathQuerySchema, searchParamsOf(context.request));
  return json(await readFilePreview(context, id, path, context.request.signal));
});

const allowed = allowOnly("GET");
export const POST = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
