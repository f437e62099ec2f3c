import { ApiError } from "@/lib/api/errors";
import { statusWords } from "../format";
import { canExec } from "../status";
import type { SandboxInstance } from "../types";

/** The row, if commands may run in it now; else 409 with its status. */
export function assertCanExec(row: SandboxInstance): SandboxInstance {
  if (!canExec(row.status)) {
    throw new ApiError("conflict", `This sandbox is ${statusWords(row.status)}; commands run only while it is ready or running.`, {
      status: row.status,
    });
  }
  return row;
}
