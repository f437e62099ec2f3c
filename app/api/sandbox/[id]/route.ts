import { apiRoute, json } from "@/lib/api/api-route";
import { parseOrThrow } from "@/lib/api/validation";
import { readJsonBody } from "@/lib/api/read-json-body";
import { findOwnSandbox } from "@/lib/sandbox/operations/find-own-sandbox";
import { stopSandbox } from "@/lib/sandbox/operations/stop-sandbox";
import { deleteSandbox } from "@/lib/sandbox/operations/delete-sandbox";
import { maxBodyBytes, sandboxParamsSchema, updateSandboxSchema } from "@/lib/sandbox/schemas";
import { allowOnly } from "@/lib/api/method-not-allowed";

type Params = { id: string };
const idOf = (params: Params) => parseOrThrow(sandboxParamsSchema, params).id;

export const GET = apiRoute<Params>("/api/sandbox/[id]", async (context) => {
  const instance = await findOwnSandbox(context, idOf(context.params));
  return json({ instance });
});

export const PATCH = apiRoute<Params>("/api/sandbox/[id]", async (context) => {
  const id = idOf(context.params);
  await readJsonBody(context.request, updateSandboxSchema, maxBodyBytes);
  const instance = await stopSandbox(context, id);
  return json({ instance });
});

export const DELETE = apiRoute<Params>("/api/sandbox/[id]", async (context) => {
  await deleteSandbox(context, idOf(context.params));
  return new Response(null, { status: 204 });
});

const allowed = allowOnly("GET", "PATCH", "DELETE");
export const POST = allowed.refuse;
export const PUT = allowed.refuse;
export const OPTIONS = allowed.options;
