/**
 * `npm run test:unit`: the vitest projects of `npm test` as two runs at once, `node` and `dom` (two
 * files at a time) beside `api` (one file at a time, on its one stack). In a single vitest run a
 * one-file-at-a-time project is scheduled after all the others (vitest groups it apart), and for
 * the API suites' two and a half minutes, mostly spent waiting on the stack, a core stood idle.
 * The API run's output is printed once the other's has ended, so neither is interleaved; the exit
 * code is the first failure's. Arguments go to both runs (`-- -t pattern`).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
const extra = process.argv.slice(2);

function run(projects: string[], capture: boolean): { done: Promise<number>; output: () => string } {
  const chunks: Buffer[] = [];
  const child = spawn(process.execPath, [vitest, "run", ...projects.flatMap((p) => ["--project", p]), ...extra], {
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    env: capture ? { ...process.env, FORCE_COLOR: process.stdout.isTTY ? "1" : "0" } : process.env,
  });
  if (capture) {
    child.stdout!.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr!.on("data", (chunk: Buffer) => chunks.push(chunk));
  }
  const done = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => child.kill(signal));
  return { done, output: () => Buffer.concat(chunks).toString() };
}

const api = run(["api"], true);
const rest = run(["node", "dom"], false);
const restCode = await rest.done;
console.log("\n── vitest --project api (ran at the same time) ──\n");
const apiCode = await api.done;
process.stdout.write(api.output());
process.exit(restCode || apiCode);
