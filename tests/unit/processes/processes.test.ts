import { spawn, spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { OrchestratorClient } from "@/lib/orchestrator/client";
import type { ExecRequest } from "@/lib/orchestrator/contract";
import { parseProcessList } from "@/lib/sandbox/processes/parse-process-list";
import { cpuShare, parseUsage } from "@/lib/sandbox/processes/parse-usage";
import { processListCommand } from "@/lib/sandbox/processes/process-list-command";
import { parseSignalOutcome, signalCommand } from "@/lib/sandbox/processes/signal-command";
import { usageCommand } from "@/lib/sandbox/processes/usage-command";
import { runShellCommand } from "@/lib/sandbox/shell/run-shell-command";
import { productionExec } from "../shell/production-bash";

/** The processes view's commands as the routes send them: through runShellCommand, production's wrapper, real bash and ps. */
const production = { exec: (_id: string, r: ExecRequest) => productionExec(r.command, r.cwd ?? "/tmp") } as unknown as OrchestratorClient;
const run = (command: string) => runShellCommand(production, "sbx-000000000000", { command, timeout: 10, cwd: "/tmp" });

const started: number[] = [];
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // ended
    }
  }
});

/** A process of our own that the tests signal: `trap` makes it survive TERM. */
function startSleeper(trapTerm = false): number {
  const child = spawn("bash", ["-c", `${trapTerm ? "trap '' TERM; " : ""}exec -a matrx-test-sleeper sleep 300`], {
    stdio: "ignore",
    detached: true,
  });
  child.unref();
  started.push(child.pid!);
  return child.pid!;
}

describe("the process list", () => {
  it("lists a background job a command left running, and marks only the listing's own processes as the dashboard's", async () => {
    const job = await run("sleep 299 & echo $!");
    const pid = Number(job.stdout.trim());
    started.push(pid);
    const result = await run(processListCommand);
    const processes = parseProcessList(result.stdout)!;
    const sleeper = processes.find((p) => p.pid === pid)!;
    expect(sleeper).toMatchObject({ command: "sleep 299", dashboard: false, user: "root" });
    expect(sleeper.elapsedSeconds).toBeGreaterThanOrEqual(0);
    expect(sleeper.memoryBytes).toBeGreaterThan(0);
    const own = processes.filter((p) => p.dashboard);
    expect(own.some((p) => p.command.startsWith("ps "))).toBe(true);
    expect(own.some((p) => p.command.startsWith("timeout "))).toBe(true);
    expect(processes.find((p) => p.pid === 1)?.dashboard).toBe(false);
  });

  it("keeps a command line's spaces, quotes and unicode whole", async () => {
    const job = await run(`bash -c 'exec -a "odd name é \\"q\\" \\$(x)" sleep 298' >/dev/null 2>&1 & echo $!`);
    started.push(Number(job.stdout.trim()));
    const processes = parseProcessList((await run(processListCommand)).stdout)!;
    expect(processes.find((p) => p.pid === Number(job.stdout.trim()))?.command).toBe('odd name é "q" $(x) 298');
  });

  it("is not a listing when ps is missing", async () => {
    const result = await run(`PATH=/nonexistent; ${processListCommand}`);
    expect(result.exit_code).not.toBe(0);
    expect(parseProcessList(result.stdout)).toBeNull();
  });
});

describe("usage", () => {
  it("reads the clock, CPU, memory and the home's disk from /proc and df", async () => {
    const first = parseUsage((await run(usageCommand)).stdout)!;
    spawnSync("bash", ["-c", "for i in $(seq 200000); do :; done"]);
    const second = parseUsage((await run(usageCommand)).stdout)!;
    expect(second.sampledAt).toBeGreaterThan(first.sampledAt);
    expect(second.cpu.usageMicros).toBeGreaterThan(first.cpu.usageMicros);
    expect(cpuShare(first, second)).toBeGreaterThan(0);
    expect(second.memory!.usedBytes).toBeGreaterThan(0);
    expect(second.memory!.limitBytes).toBeGreaterThan(second.memory!.usedBytes);
    expect(second.disk!.limitBytes).toBeGreaterThan(second.disk!.usedBytes);
  });

  it("prefers the cgroup's counters and its nearest limits", () => {
    const usage = parseUsage(
      "uptime 10.5\ncpus 4\nmachine_cpu_ticks 900 100\nMemTotal 1000\nMemAvailable 500\ncgroup_cpu_usec 2500000\ncgroup_memory_current 4096\ncgroup_cpu_max 150000 100000\ncgroup_memory_max 8192\ndisk 100 40 /home/agent\n",
    )!;
    expect(usage).toEqual({
      sampledAt: 10.5,
      cpu: { usageMicros: 2_500_000, limit: 1.5, source: "cgroup" },
      memory: { usedBytes: 4096, limitBytes: 8192, source: "cgroup" },
      disk: { usedBytes: 40 * 1024, limitBytes: 100 * 1024, path: "/home/agent" },
    });
  });
});

describe("stop", () => {
  const signal = async (pid: number, name: "TERM" | "KILL") => parseSignalOutcome((await run(signalCommand(pid, name))).stdout);

  it("TERM ends a process, and says when one survives it; KILL then ends it", async () => {
    expect(await signal(startSleeper(), "TERM")).toBe("exited");
    const stubborn = startSleeper(true);
    expect(await signal(stubborn, "TERM")).toBe("running");
    expect(await signal(stubborn, "KILL")).toBe("exited");
  });

  it("says when there is no such process, or it is another user's", async () => {
    expect(await signal(4_194_000, "TERM")).toBe("missing");
    const root = startSleeper();
    const asNobody = spawnSync("bash", ["-c", signalCommand(root, "TERM")], { uid: 65534, gid: 65534, encoding: "utf8" });
    expect(parseSignalOutcome(asNobody.stdout)).toBe("denied");
  });

  it("takes only a pid above 1", () => {
    expect(() => signalCommand(1, "TERM")).toThrow();
    expect(() => signalCommand(Number.NaN, "KILL")).toThrow();
  });
});
