import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { readBoundedBody } from "@/lib/api/read-bounded-body";
import { searchParamsOf } from "@/lib/api/search-params";
import { parseOrThrow } from "@/lib/api/validation";
import { uploadFile } from "@/lib/sandbox/files/upload-file";
import { fileLimits, fileUploadQuerySchema, sandboxParamsSchema } from "@/lib/sandbox/schemas";

export const POST = apiRoute<{ id: string }>("/api/sandbox/[id]/files/upload", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  const query = parseOrThrow(fileUploadQuerySchema, searchParamsOf(context.request));
  const data = await readBoundedBody(context.request, fileLimits.uploadBytes);
  context.log.extra.bytes = data.length;
  const uploaded = await uploadFile(
    context,
    id,
    { folder: query.path, name: query.name, data, replace: query.replace === "1" },
    context.request.signal,
  );
  return json(uploaded, 201);
});

const allowed = allowOnly("POST");
export const GET = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
