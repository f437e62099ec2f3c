import { ApiError } from "@/lib/api/errors";
import { getSandbox } from "../data/get-sandbox";
import type { SandboxInstance } from "../types";
import type { SandboxCaller } from "./sandbox-caller";

/** The caller's sandbox, read through RLS; another user's answers exactly like a missing one. */
export async function findOwnSandbox(caller: SandboxCaller, id: string): Promise<SandboxInstance> {
  const row = await getSandbox(caller.supabase, id);
  if (!row) throw new ApiError("not_found", "No such sandbox.");
  return row;
}
