import { spawn } from "node:child_process";
import type { ExecResult } from "@/lib/orchestrator/contract";

/**
 * The production orchestrator's exec, minus Docker: the same wrapper text run with real bash, and
 * its output read as its Python code reads it (matrx-sandbox orchestrator/sandbox_manager.py,
 * exec_in_sandbox and _parse_cwd_sentinel at 6a55847). It waits, as docker exec does, until the
 * process has exited and both streams are closed.
 */
const sentinel = "___MATRX_CWD_SENTINEL_9f8a7b___";

export function shlexQuote(text: string): string {
  if (text === "") return "''";
  if (!/[^\w@%+=:,./-]/.test(text)) return text;
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

export function productionWrapper(command: string, cwd: string): string {
  return `cd ${shlexQuote(cwd)} && { ${command} ; }; __matrx_ec=$?; echo '${sentinel}'; pwd; exit $__matrx_ec`;
}

export function productionExec(command: string, cwd: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", productionWrapper(command, cwd)], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const raw = new TextDecoder("utf-8").decode(Buffer.concat(out));
      const stderr = new TextDecoder("utf-8").decode(Buffer.concat(err));
      const index = raw.lastIndexOf(sentinel);
      if (index === -1) return resolve({ exit_code: code ?? -1, stdout: raw, stderr, cwd });
      const after = raw.slice(index + sentinel.length).trim();
      resolve({ exit_code: code ?? -1, stdout: raw.slice(0, index).replace(/\n+$/, ""), stderr, cwd: after.split("\n")[0]!.trim() || cwd });
    });
  });
}
