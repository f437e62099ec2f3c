import { apiRoute, json } from "@/lib/api/api-route";
import { parseOrThrow } from "@/lib/api/validation";
import { readJsonBody } from "@/lib/api/read-json-body";
import { listSandboxes } from "@/lib/sandbox/data/list-sandboxes";
import { createSandbox } from "@/lib/sandbox/operations/create-sandbox";
import { createSandboxSchema, listQuerySchema, maxBodyBytes } from "@/lib/sandbox/schemas";
import { sandboxSettings } from "@/lib/sandbox/settings";
import { allowOnly } from "@/lib/api/method-not-allowed";

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
  });
  return json(await listSandboxes(supabase, query));
});

export const POST = apiRoute("/api/sandbox", async (context) => {
  const input = await readJsonBody(context.request, createSandboxSchema, maxBodyBytes);
  const instance = await createSandbox(context, input, sandboxSettings().activeLimit);
  return json({ instance }, 201);
});

const allowed = allowOnly("GET", "POST");
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
