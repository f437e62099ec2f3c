import { spawn } from "node:child_process";
import type { ExecResult } from "@/lib/orchestrator/contract";
import { decodeProduction, parseProductionOutput, productionWrapper } from "../../../local-stack/orchestrator/production-exec.ts";

/**
 * The production orchestrator's exec, minus Docker: its wrapper text run with real bash, and its
 * output read as its Python code reads it (local-stack/orchestrator/production-exec.ts, checked
 * against that code). It waits, as docker exec does, until the process has exited and both
 * streams are closed.
 */
export function productionExec(command: string, cwd: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", productionWrapper(command, cwd)], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const parsed = parseProductionOutput(Buffer.concat(out));
      resolve({ exit_code: code ?? -1, stdout: parsed.stdout, stderr: decodeProduction(Buffer.concat(err)), cwd: parsed.cwd ?? cwd });
    });
  });
}
