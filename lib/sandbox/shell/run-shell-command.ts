import "server-only";
import { randomBytes } from "node:crypto";
import type { CallOptions, OrchestratorClient } from "@/lib/orchestrator/client";
import type { ExecResult } from "@/lib/orchestrator/contract";
import { OrchestratorError } from "@/lib/orchestrator/errors";
import { capExecOutput } from "../cap-exec-output";
import type { ExecResponse } from "../types";
import { parseShellResult } from "./parse-shell-result";
import { shellScript } from "./shell-script";

export interface ShellRequest {
  command: string;
  timeout: number;
  cwd?: string | null;
}

/** Seconds the orchestrator's own timeout (where it applies one) leaves after the script's, so the script's fires first. */
const orchestratorGraceSeconds = 5;
const maxOrchestratorTimeout = 600;

/**
 * Runs `request.command` through `shellScript` (why: shell-script.ts) and answers as a shell would:
 * stdout exact, the exit code and cwd of the command, `timed_out` when its timeout stopped it.
 */
export async function runShellCommand(
  orchestrator: OrchestratorClient,
  sandboxId: string,
  request: ShellRequest,
  options?: CallOptions,
): Promise<ExecResponse> {
  const token = newToken(request.command);
  let result: ExecResult;
  try {
    result = await orchestrator.exec(
      sandboxId,
      {
        command: shellScript({ command: request.command, timeoutSeconds: request.timeout, token }),
        timeout: Math.min(maxOrchestratorTimeout, request.timeout + orchestratorGraceSeconds),
        cwd: request.cwd ?? null,
      },
      options,
    );
  } catch (error) {
    if (error instanceof OrchestratorError && error.kind === "timeout") {
      // Production serves one exec at a time: a busy service is the likely cause, and the command
      // is not sent again (it may have run).
      throw new OrchestratorError("timeout", `${error.message} Your command, if it started, stops by itself within ${request.timeout} s.`);
    }
    throw error;
  }
  const shell = parseShellResult(result, token, request.timeout);
  if (!shell) return capExecOutput(result);
  const { timedOut, ...answer } = shell;
  // A stream that came back past the cap (the script sends one byte more) is cut here and marked.
  const response = capExecOutput(answer);
  return timedOut ? { ...response, timed_out: true } : response;
}

function newToken(command: string): string {
  for (;;) {
    const token = randomBytes(8).toString("hex");
    if (!command.includes(token)) return token;
  }
}
