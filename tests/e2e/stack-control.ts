import { readFileSync } from "node:fs";
import { E2E_STACK_FILE, type E2EStackInfo } from "./stack-config.ts";

/** What start-stack.ts wrote: URLs and keys of the running local stack. */
export function stackInfo(): E2EStackInfo {
  return JSON.parse(readFileSync(E2E_STACK_FILE, "utf8")) as E2EStackInfo;
}

async function control<T>(route: string, body?: unknown): Promise<T> {
  const response = await fetch(stackInfo().controlUrl + route, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`stack control ${route}: ${answer.error ?? response.status}`);
  return answer;
}

/** Runs SQL straight against the stack's database (as the table owner: no RLS, realtime triggers fire). */
export async function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await control<{ rows: T[] }>("/sql", { query, params })).rows;
}

/** Stops local Supabase (auth, REST, realtime); the database keeps its data. */
export const stopSupabase = () => control("/supabase/stop");
/** Starts it again on the same port with the same keys and data. */
export const startSupabase = () => control("/supabase/start");

/** SIGKILLs the local orchestrator's process: whatever it was doing stops there, with no last save. */
export const killOrchestrator = () => control("/orchestrator/kill");
/** Starts it again on the same port and data dir; resolves once it answers (after its reconcile). */
export const startOrchestrator = () => control("/orchestrator/start");

/** Switches the local orchestrator's faults (POST /__faults: `{reset: true}` turns them all off). */
export async function setOrchestratorFaults(patch: Record<string, unknown>): Promise<void> {
  const { orchestratorUrl, orchestratorApiKey } = stackInfo();
  const response = await fetch(`${orchestratorUrl}/__faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-API-Key": orchestratorApiKey },
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`orchestrator faults: HTTP ${response.status} ${await response.text()}`);
}
