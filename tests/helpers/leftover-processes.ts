import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

/** Inherited by the workers and whatever they spawn: finds a process even once it is orphaned. */
const tagName = "VITEST_RUN_PROCESS_TAG";

/**
 * A vitest global setup whose teardown fails the run if a process a test started is still alive:
 * every spawned server, sandbox or shell must be stopped in a `finally`/`afterAll`, pass or fail.
 * Listed first in a project, its teardown runs after the project's own global teardowns.
 * Linux only (it reads /proc); elsewhere it checks nothing.
 */
export default function setup() {
  process.env[tagName] ??= randomUUID();
  const tag = `${tagName}=${process.env[tagName]}`;
  return async () => {
    let left = leftovers(tag);
    // A process stopped a moment ago may still be exiting.
    const deadline = Date.now() + 15_000;
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = leftovers(tag);
    }
    if (left.length === 0) return;
    for (const { pid } of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    // vitest reports an error thrown here but still exits 0: the exit code must say it too.
    process.exitCode = 1;
    throw new Error(
      `The test run left ${left.length} process(es) running (now killed); stop them in a finally/afterAll:\n` +
        left.map(({ pid, args }) => `  ${pid} ${args}`).join("\n"),
    );
  };
}

interface Proc {
  pid: number;
  ppid: number;
  args: string;
  tagged: boolean;
}

/**
 * Processes of this run (descendants of this one, or carrying its tag) except vitest's own
 * workers and vite's esbuild service.
 */
function leftovers(tag: string): Proc[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const procs: Proc[] = [];
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name (in parentheses) may hold spaces: the fields after it are fixed.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;
      const args = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").trim();
      let tagged = false;
      try {
        tagged = readFileSync(`/proc/${name}/environ`, "utf8").split("\0").includes(tag);
      } catch {
        // another user's process: not ours
      }
      procs.push({ pid: Number(name), ppid: Number(fields[1]), args, tagged });
    } catch {
      // exited while we looked
    }
  }
  const children = new Map<number, Proc[]>();
  for (const proc of procs) children.set(proc.ppid, [...(children.get(proc.ppid) ?? []), proc]);
  const ours = new Map<number, Proc>();
  const visit = (proc: Proc) => {
    if (ours.has(proc.pid)) return;
    ours.set(proc.pid, proc);
    for (const child of children.get(proc.pid) ?? []) visit(child);
  };
  for (const proc of procs) if (proc.tagged) visit(proc);
  for (const child of children.get(process.pid) ?? []) visit(child);
  ours.delete(process.pid);
  const isVitestOwn = (proc: Proc) => /node_modules\/(vitest|tinypool|esbuild|@esbuild)\//.test(proc.args);
  return [...ours.values()].filter((proc) => !isVitestOwn(proc));
}
