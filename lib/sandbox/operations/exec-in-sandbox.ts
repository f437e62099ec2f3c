import "server-only";
import type { z } from "zod";
import type { execSchema } from "../schemas";
import { runShellCommand } from "../shell/run-shell-command";
import { execTargets } from "../exec-targets";
import type { ExecResponse } from "../types";
import type { SandboxCaller } from "./sandbox-caller";
import { findOwnSandbox } from "./find-own-sandbox";
import { rethrowIfGone } from "./rethrow-if-gone";
import { assertCanExec } from "./assert-can-exec";
import { rethrowIfDropped } from "./rethrow-if-dropped";

const droppedExec =
  "The sandbox service stopped answering while your command ran: its output is lost, and the command may not have finished. Try again in a moment.";

/**
 * Runs one command; aborting `signal` (the browser went away) aborts the upstream request too.
 * The first command in a sandbox reads its row through RLS; the next ones within a short while
 * go straight to the orchestrator (see exec-targets.ts). Whatever goes wrong on that fast path
 * is answered as the checked path answers it: the row is read again first.
 */
export async function execInSandbox(
  caller: SandboxCaller,
  id: string,
  input: z.output<typeof execSchema>,
  signal: AbortSignal,
): Promise<ExecResponse> {
  const remembered = execTargets.get(caller.userId, id);
  if (remembered) {
    try {
      return await runShellCommand(caller.orchestrator, remembered.sandboxId, input, { signal });
    } catch (error) {
      execTargets.forget(id);
      if (signal.aborted) throw error;
      rethrowIfDropped(error, droppedExec);
      return rethrowIfGone(error, assertCanExec(await findOwnSandbox(caller, id)));
    }
  }
  const row = assertCanExec(await findOwnSandbox(caller, id));
  execTargets.remember(caller.userId, row);
  try {
    return await runShellCommand(caller.orchestrator, row.sandbox_id, input, { signal });
  } catch (error) {
    execTargets.forget(id);
    rethrowIfDropped(error, droppedExec);
    return rethrowIfGone(error, row);
  }
}
