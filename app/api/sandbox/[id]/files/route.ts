import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { searchParamsOf } from "@/lib/api/search-params";
import { parseOrThrow } from "@/lib/api/validation";
import { listFiles } from "@/lib/sandbox/files/list-files";
import { fileListQuerySchema, sandboxParamsSchema } from "@/lib/sandbox/schemas";

export const GET = apiRoute<{ id: string }>("/api/sandbox/[id]/files", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  const { path } = parseOrThrow(fileListQuerySchema, searchParamsOf(context.request));
  return json(await listFiles(context, id, path ?? null, context.request.signal));
});

const allowed = allowOnly("GET");
export const POST = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
