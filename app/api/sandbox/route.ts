import { apiRoute, json } from "@/lib/api/route";
import { parseOrThrow } from "@/lib/api/validation";
import { readJsonBody } from "@/lib/api/read-body";
import { listSandboxes } from "@/lib/sandbox/data/list-sandboxes";
import { createSandbox } from "@/lib/sandbox/operations/create-sandbox";
import { createSandboxSchema, listQuerySchema, maxBodyBytes } from "@/lib/sandbox/schemas";
import { sandboxSettings } from "@/lib/sandbox/settings";
import type { SandboxListResponse } from "@/lib/sandbox/types";

// Creating waits for the orchestrator, which polls the container for up to 120 s.
export const maxDuration = 150;

export const GET = apiRoute("/api/sandbox", async ({ request, supabase }) => {
  const params = new URL(request.url).searchParams;
  const query = parseOrThrow(listQuerySchema, {
    status: params
      .getAll("status")
      .flatMap((value) => value.split(","))
      .filter(Boolean),
    limit: params.get("limit") ?? undefined,
    offset: params.get("offset") ?? undefined,
    q: params.get("q") ?? undefined,
    sort: params.get("sort") ?? undefined,
  });
  const { instances, total } = await listSandboxes(supabase, query);
  const body: SandboxListResponse = {
    instances,
    pagination: { total, limit: query.limit, offset: query.offset, hasMore: query.offset + instances.length < total },
  };
  return json(body);
});

export const POST = apiRoute("/api/sandbox", async (context) => {
  const input = await readJsonBody(context.request, createSandboxSchema, maxBodyBytes);
  const instance = await createSandbox(context, input, sandboxSettings().activeLimit);
  return json({ instance }, 201);
});
