import { apiRoute } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { searchParamsOf } from "@/lib/api/search-params";
import { parseOrThrow } from "@/lib/api/validation";
import { contentDisposition } from "@/lib/http/content-disposition";
import { openDownload } from "@/lib/sandbox/files/open-download";
import { filePathQuerySchema, sandboxParamsSchema } from "@/lib/sandbox/schemas";

// 25 MiB in 384 KiB chunks, one exec each.
export const maxDuration = 300;

export const GET = apiRoute<{ id: string }>("/api/sandbox/[id]/files/download", async (context) => {
  const { id } = parseOrThrow(sandboxParamsSchema, context.params);
  const { path } = parseOrThrow(filePathQuerySchema, searchParamsOf(context.request));
  const download = await openDownload(context, id, path, context.request.signal);
  context.log.extra.bytes = download.size;
  return new Response(download.body, {
    headers: {
      "Content-Type": download.fileName.endsWith(".tar.gz") ? "application/gzip" : "application/octet-stream",
      // Next drops Content-Length from a route's answer (send-response.js): the size travels in X-File-Size too, for progress.
      "Content-Length": String(download.size),
      "X-File-Size": String(download.size),
      "Content-Disposition": contentDisposition(download.fileName),
      "X-Content-Type-Options": "nosniff",
    },
  });
});

const allowed = allowOnly("GET");
export const POST = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
