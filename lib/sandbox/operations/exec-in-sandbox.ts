import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { execSchema } from "../schemas";
import { capExecOutput } from "../cap-exec-output";
import { canExec } from "../status";
import type { ExecResponse } from "../types";
import type { SandboxCaller } from "./sandbox-caller";
import { findOwnSandbox } from "./find-own-sandbox";
import { rethrowIfGone } from "./rethrow-if-gone";

/** Runs one command; aborting `signal` (the browser went away) aborts the upstream request too. */
export async function execInSandbox(
  caller: SandboxCaller,
  id: string,
  input: z.output<typeof execSchema>,
  signal: AbortSignal,
): Promise<ExecResponse> {
  const row = await findOwnSandbox(caller, id);
  if (!canExec(row.status)) {
    throw new ApiError("conflict", `This sandbox is ${row.status.replace("_", " ")}; commands run only while it is ready or running.`, {
      status: row.status,
    });
  }
  try {
    return capExecOutput(await caller.orchestrator.exec(row.sandbox_id, input, { signal }));
  } catch (error) {
    return rethrowIfGone(error, row);
  }
}
