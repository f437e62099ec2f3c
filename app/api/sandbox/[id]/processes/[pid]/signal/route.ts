import { apiRoute, json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { readJsonBody } from "@/lib/api/read-json-body";
import { parseOrThrow } from "@/lib/api/validation";
import { signalProcess } from "@/lib/sandbox/operations/signal-process";
import { maxBodyBytes, processParamsSchema, signalProcessSchema } from "@/lib/sandbox/schemas";

export const POST = apiRoute<{ id: string; pid: string }>("/api/sandbox/[id]/processes/[pid]/signal", async (context) => {
  const { id, pid } = parseOrThrow(processParamsSchema, context.params);
  const { signal } = await readJsonBody(context.request, signalProcessSchema, maxBodyBytes);
  context.log.extra.signal = signal;
  return json(await signalProcess(context, id, pid, signal, context.request.signal));
});

const allowed = allowOnly("POST");
export const GET = allowed.refuse;
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
