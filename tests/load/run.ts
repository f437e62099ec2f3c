// npm run test:load [-- --seconds N] [--users N] [--instances N] [--no-build] [--pglite-only | --postgres-only] [--profile] [--no-latency-bound]
// Simulated users against a production build (`next start`) and the local stack, on the system
// Postgres (DATABASE_URL, a scratch database) and on PGlite: by default 100 users listing every
// second with the realtime channel open, 20 of them also running commands back to back and 10
// creating and deleting sandboxes, for 60 s on Postgres and a quarter of that on PGlite. Prints a
// table; exits 1 when a check fails (see `checks` below). Shares the bench's build folder, keys and
// ports (`npm run bench` and this never run at once), so `--no-build` reuses the bench's build.
// `--profile` writes V8 CPU profiles of `next start` and of the local stack's process into
// `.next/bench/profiles/` when they stop (the profiler's samples grow the heap: no memory check then).
// `--no-latency-bound` prints the calls over 2 s without failing on them (CI's short run: every
// correctness check stays, the latency is reported).
import path from "node:path";
import { loadOrCreateKeys } from "../../local-stack/supabase/keys.ts";
import {
  nextBin,
  repoRoot,
  runToEnd,
  startChild,
  startStackServer,
  taggedLines,
  waitForAnswer,
  type Child,
} from "../../bench/lib/processes.ts";
import { scratchDatabase } from "../helpers/database.ts";
import { serviceClient, type Urls } from "../../bench/lib/session.ts";
import { percentile, round } from "../../bench/lib/stats.ts";
import { simulatedUsers, type SimulatedUser } from "./simulated-users.ts";
import { watchRealtime, type RealtimeWatch } from "./realtime-watch.ts";
import { LoadLog, creator, executor, lister, type CallKind } from "./load-actors.ts";
import { handlerTimes, logEnds, type HandlerTimes } from "./handler-times.ts";
import { groupRssMiB, processesMentioning } from "./process-memory.ts";
import { postgresBackendsCpuMs } from "./process-cpu.ts";
import { groupCpuMs, machineCpuMs } from "../../bench/lib/cpu.ts";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const seconds = option("--seconds", 60);
const userCount = option("--users", 100);
/** `next start` processes on one database, calls spread over them as a load balancer would. */
const instanceCount = option("--instances", 1);
const ports = { app: 3171, supabase: 54471, orchestrator: 8771 };
const stateDir = path.join(repoRoot, ".next", "bench");
const distDir = ".next/bench/build";
const supabaseUrl = `http://127.0.0.1:${ports.supabase}`;
const log = (line: string) => console.log(`[load] ${line}`);
/** Shorter runs print memory without judging it (see the memory check). */
const minSecondsForMemory = 60;
const profileArgs = (name: string) => (flag("--profile") ? ["--cpu-prof", `--cpu-prof-dir=${path.join(stateDir, "profiles", name)}`] : []);

// Stopped on Ctrl+C or a CI timeout too: the servers and sandboxes run in process groups of their own.
const running = new Set<Child>();
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    log(`${signal}: stopping the servers …`);
    void Promise.all([...running].map((child) => child.stop())).finally(() => process.exit(1));
  });

interface RssSample {
  /** One figure per app instance. */
  apps: number[];
  stack: number;
}

interface BackendOutcome {
  backend: string;
  users: number;
  seconds: number;
  instances: number;
  calls: Record<CallKind, { n: number; p50: number; p95: number; max: number; over2s: number; status5xx: number }>;
  /** The same calls inside the app's handlers during the load (its request log). */
  handlers: Partial<Record<CallKind, HandlerTimes>>;
  /** Calls (creates aside) over 2 s, by the 5-second window of the load they were sent in, and those sent before and after it. */
  slowByWindow: { windows: number[]; before: number; after: number };
  realtime: { expected: number; missed: number; foreign: number; drops: number };
  rowsLeft: number;
  reservationsLeft: number;
  duplicateSandboxIds: number;
  sandboxProcessesLeft: number;
  activeOnOrchestrator: number;
  rss: { apps: number[][]; stack: number[] };
  /**
   * CPU seconds used during the load by next start, the local stack, (system Postgres) its backends
   * and this process; and by the whole machine, of `cores` × the run's seconds (the rest is mostly
   * the sandboxes' commands, which run in process groups of their own).
   */
  cpu: { load: number; app: number; stack: number; postgres: number; machine: number | null; cores: number | null };
  /** Requests the local stack's servers received during the load, by method and path. */
  requests: Record<string, number>;
  failures: string[];
}

async function main() {
  const keys = await loadOrCreateKeys(stateDir);
  const publicEnv = { NEXT_PUBLIC_SUPABASE_URL: supabaseUrl, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: keys.publishableKey };
  const buildEnv = { ...process.env, ...publicEnv, NEXT_DIST_DIR: distDir, NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json" };
  if (!flag("--no-build")) {
    log(`next build into ${distDir} …`);
    await runToEnd(process.execPath, [nextBin, "build"], { env: buildEnv, logFile: path.join(stateDir, "build.log") });
  }
  const outcomes: BackendOutcome[] = [];
  if (!flag("--pglite-only") && process.env.DATABASE_URL) {
    const scratch = await scratchDatabase(process.env.DATABASE_URL, "matrx_bench");
    try {
      outcomes.push(await loadBackend("postgres", scratch.url, seconds, userCount, keys, buildEnv));
    } finally {
      await scratch.drop();
    }
  }
  // PGlite is one thread serving every query: briefly, and a quarter of the users.
  if (!flag("--postgres-only"))
    outcomes.push(
      await loadBackend("pglite", undefined, Math.max(5, Math.round(seconds / 4)), Math.max(10, Math.round(userCount / 4)), keys, buildEnv),
    );
  printTable(outcomes);
  const failures = outcomes.flatMap((outcome) => outcome.failures.map((failure) => `${outcome.backend}: ${failure}`));
  if (failures.length > 0) {
    console.error(`\nLoad: ${failures.length} check(s) failed:\n  ${failures.slice(0, 40).join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log("\nLoad: every check passed.");
  }
}

async function loadBackend(
  backend: "postgres" | "pglite",
  databaseUrl: string | undefined,
  runSeconds: number,
  userCount: number,
  keys: Awaited<ReturnType<typeof loadOrCreateKeys>>,
  buildEnv: NodeJS.ProcessEnv,
): Promise<BackendOutcome> {
  const executorCount = Math.round(userCount / 5);
  const creatorCount = Math.round(userCount / 10);
  log(`${backend}: starting the local stack and next start …`);
  const stackLog = path.join(stateDir, `load-stack-${backend}.log`);
  const stack = startStackServer({ stateDir, ports, databaseUrl, logFile: stackLog, nodeArgs: profileArgs(`load-stack-${backend}`) });
  running.add(stack);
  const apps: Child[] = [];
  const watches: RealtimeWatch[] = [];
  let users: SimulatedUser[] = [];
  try {
    const lines = taggedLines(stack, stackLog);
    const ready = await lines.next<{
      supabaseUrl: string;
      orchestratorUrl: string;
      sandboxesDir: string;
      userFactoryUrl: string;
    }>("READY");
    const appUrls = Array.from({ length: instanceCount }, (_, i) => `http://127.0.0.1:${ports.app + i}`);
    const appNames = appUrls.map((_, i) => `load-app-${backend}${i > 0 ? `-${i + 1}` : ""}`);
    const appLogs = appNames.map((name) => path.join(stateDir, `${name}.log`));
    for (const [i, name] of appNames.entries()) {
      const appUrl = appUrls[i]!;
      const app = startChild(
        process.execPath,
        [...profileArgs(name), nextBin, "start", "--port", String(ports.app + i), "--hostname", "127.0.0.1"],
        {
          env: {
            ...buildEnv,
            SUPABASE_SECRET_KEY: keys.secretKey,
            APP_ORIGINS: appUrl,
            MATRX_ORCHESTRATOR_URL: ready.orchestratorUrl,
            MATRX_ORCHESTRATOR_API_KEY: keys.orchestratorApiKey,
            // Commands back to back would meet the per-user limit (20 per 10 s) within a second; the
            // limit's check still runs on every command, only its ceiling is lifted.
            SANDBOX_EXEC_RATE_LIMIT: "1000000",
          },
          logFile: appLogs[i]!,
        },
      );
      apps.push(app);
      running.add(app);
    }
    await Promise.all(apps.map((app, i) => waitForAnswer(`${appUrls[i]}/login`, 60_000, app)));
    const urls: Urls = { appUrl: appUrls[0]!, supabaseUrl: ready.supabaseUrl, orchestratorUrl: ready.orchestratorUrl };
    const service = serviceClient(urls.supabaseUrl, keys.secretKey);

    log(`${backend}: ${userCount} users signing in, realtime channels opening …`);
    const roles: SimulatedUser["role"][] = Array.from({ length: userCount }, (_, i) =>
      i < executorCount ? "executor" : i < executorCount + creatorCount ? "creator" : "lister",
    );
    users = await simulatedUsers(ready.userFactoryUrl, urls, keys.publishableKey, roles);
    for (const user of users) watches.push(await watchRealtime(user));
    const loadLog = new LoadLog(appUrls);
    const executorSandboxes = new Map<string, string>();
    await Promise.all(
      users
        .filter((user) => user.role === "executor")
        .map(async (user) => {
          const created = await loadLog.call("create", user, "POST", "/api/sandbox", { ttl_seconds: 3600 });
          if (created.status !== 201) throw new Error(`${user.email}: could not create its sandbox (HTTP ${created.status})`);
          const id = (created.body as { instance: { id: string } }).instance.id;
          executorSandboxes.set(user.userId, id);
          loadLog.note(loadLog.created, user, id);
        }),
    );
    // Warm the routes once, so the first figures are the server's, not its first compile of them.
    await Promise.all(users.slice(0, 5 * instanceCount).map((user) => loadLog.call("list", user, "GET", "/api/sandbox")));
    const appPids = apps.map((app) => app.process.pid!);
    const stackPid = stack.process.pid!;
    const rss: RssSample[] = [];
    const sample = () => rss.push({ apps: appPids.map((pid) => groupRssMiB(pid)), stack: groupRssMiB(stackPid) });
    sample();
    const sampler = setInterval(sample, 2_000);
    // Where the CPU goes during the load, and what the stack's servers were asked (stack-server.ts).
    const stackCounts = () => {
      const next = lines.next<Record<string, number>>("COUNTS");
      stack.process.kill("SIGUSR2");
      return next;
    };
    const databaseName = databaseUrl ? new URL(databaseUrl).pathname.slice(1) : undefined;
    const cpuNow = () => ({
      load: ((usage) => (usage.user + usage.system) / 1000)(process.cpuUsage()),
      app: appPids.reduce((sum, pid) => sum + (groupCpuMs(pid) ?? 0), 0),
      stack: groupCpuMs(stackPid) ?? 0,
      postgres: databaseName ? postgresBackendsCpuMs(databaseName) : 0,
      machine: machineCpuMs(),
    });
    await stackCounts();
    const appLogsAtStart = logEnds(appLogs);
    const cpuBefore = cpuNow();

    log(`${backend}: load for ${runSeconds} s …`);
    const loadStart = Date.now();
    const until = loadStart + runSeconds * 1000;
    const ownIds = (user: SimulatedUser) => () => loadLog.created.get(user.userId) ?? new Set<string>();
    await Promise.all(
      users.flatMap((user) => {
        const work = [lister(loadLog, user, until, ownIds(user))];
        if (user.role === "executor") work.push(executor(loadLog, user, executorSandboxes.get(user.userId)!, until));
        if (user.role === "creator") work.push(creator(loadLog, user, until));
        return work;
      }),
    );
    clearInterval(sampler);
    sample();
    const cpuAfter = cpuNow();
    const cpu = {
      load: round((cpuAfter.load - cpuBefore.load) / 1000),
      app: round((cpuAfter.app - cpuBefore.app) / 1000),
      stack: round((cpuAfter.stack - cpuBefore.stack) / 1000),
      postgres: round((cpuAfter.postgres - cpuBefore.postgres) / 1000),
      machine: cpuAfter.machine && cpuBefore.machine ? round((cpuAfter.machine.busy - cpuBefore.machine.busy) / 1000) : null,
      cores: cpuAfter.machine?.cores ?? null,
    };
    const requests = await stackCounts();
    const handlers = handlerTimes(appLogs, appLogsAtStart);

    log(`${backend}: deleting the executors' sandboxes, then checking …`);
    await Promise.all(
      users
        .filter((user) => user.role === "executor")
        .map(async (user) => {
          const id = executorSandboxes.get(user.userId)!;
          const answer = await loadLog.call("delete", user, "DELETE", `/api/sandbox/${id}`);
          if (answer.status === 204 || answer.status === 200) loadLog.note(loadLog.deleted, user, id);
        }),
    );
    return await check(backend, runSeconds, {
      loadLog,
      users,
      watches,
      service,
      urls,
      keys,
      ready,
      executorSandboxIds: [...executorSandboxes.values()],
      loadStart,
      rss,
      cpu,
      requests,
      handlers,
    });
  } finally {
    await Promise.all(watches.map((watch) => watch.close().catch(() => {})));
    for (const user of users) user.agent.destroy();
    await Promise.all(apps.map((app) => app.stop()));
    await stack.stop();
    running.clear();
  }
}

async function check(
  backend: string,
  runSeconds: number,
  input: {
    loadLog: LoadLog;
    users: SimulatedUser[];
    watches: RealtimeWatch[];
    service: ReturnType<typeof serviceClient>;
    urls: Urls;
    keys: Awaited<ReturnType<typeof loadOrCreateKeys>>;
    ready: { sandboxesDir: string };
    executorSandboxIds: string[];
    loadStart: number;
    rss: RssSample[];
    cpu: BackendOutcome["cpu"];
    requests: Record<string, number>;
    handlers: BackendOutcome["handlers"];
  },
): Promise<BackendOutcome> {
  const { loadLog, users, watches, service, urls, keys, ready, executorSandboxIds } = input;
  const failures = [...loadLog.problems];

  // Realtime: each of a user's own sandboxes seen appearing and going; nothing of anyone else's.
  const expectedBy = (userId: string) => loadLog.created.get(userId) ?? new Set<string>();
  // Every row's DELETE reaches its owner. Its appearance (INSERT or UPDATE) must too for the rows
  // that live through the run (the executors'); a row deleted a moment after its create may be gone
  // before its INSERT is checked against RLS, and then is not sent, as Supabase's Realtime does.
  const longLived = new Set(executorSandboxIds);
  const missing = (watch: RealtimeWatch) =>
    [...expectedBy(watch.user.userId)].flatMap((id) => {
      const seen = watch.seen.filter((change) => change.id === id);
      const gaps: string[] = [];
      if (longLived.has(id) && !seen.some((change) => change.type !== "DELETE")) gaps.push(`${id} insert/update`);
      if (!seen.some((change) => change.type === "DELETE")) gaps.push(`${id} delete`);
      return gaps;
    });
  let missed: string[] = [];
  const deadline = Date.now() + 10_000;
  do {
    missed = watches.flatMap((watch) => missing(watch).map((gap) => `${watch.user.email} ${gap}`));
    if (missed.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() < deadline);
  if (missed.length > 0)
    failures.push(`realtime missed ${missed.length} change(s) of the user's own rows: ${missed.slice(0, 5).join(", ")}`);
  const foreign = watches.flatMap((watch) =>
    watch.seen.filter(
      (change) => (change.userId !== null && change.userId !== watch.user.userId) || !expectedBy(watch.user.userId).has(change.id),
    ),
  );
  if (foreign.length > 0) failures.push(`realtime delivered ${foreign.length} change(s) of rows that are not the user's`);
  const drops = watches.reduce((sum, watch) => sum + watch.drops, 0);

  // The database: every user did create-then-delete only, so none of their rows remain.
  const userIds = users.map((user) => user.userId);
  const { data: rows, error } = await service.from("sandbox_instances").select("id, sandbox_id, status, user_id").in("user_id", userIds);
  if (error) throw error;
  if (rows.length > 0)
    failures.push(`${rows.length} row(s) left where the users deleted every sandbox: ${JSON.stringify(rows.slice(0, 3))}`);
  const { data: reservations, error: reservationError } = await service
    .from("sandbox_create_reservations")
    .select("user_id")
    .in("user_id", userIds);
  if (reservationError) throw reservationError;
  if (reservations.length > 0) failures.push(`${reservations.length} create reservation(s) still held`);
  const { data: all, error: allError } = await service.from("sandbox_instances").select("sandbox_id");
  if (allError) throw allError;
  const duplicateSandboxIds = all.length - new Set(all.map((row) => row.sandbox_id)).size;
  if (duplicateSandboxIds > 0) failures.push(`${duplicateSandboxIds} duplicated sandbox_id(s)`);
  const deletedCount = [...loadLog.deleted.values()].reduce((sum, ids) => sum + ids.size, 0);
  const createdCount = [...loadLog.created.values()].reduce((sum, ids) => sum + ids.size, 0);
  if (deletedCount !== createdCount) failures.push(`${createdCount} sandboxes created but ${deletedCount} deleted`);

  // The orchestrator: nothing running any more, no process of a sandbox left.
  const health = (await (await fetch(`${urls.orchestratorUrl}/health`, { headers: { "X-API-Key": keys.orchestratorApiKey } })).json()) as {
    active_sandboxes: number;
  };
  if (health.active_sandboxes !== 0) failures.push(`the orchestrator still runs ${health.active_sandboxes} sandbox(es)`);
  let leftover = processesMentioning(ready.sandboxesDir);
  for (let i = 0; i < 50 && leftover.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    leftover = processesMentioning(ready.sandboxesDir);
  }
  if (leftover.length > 0) failures.push(`${leftover.length} sandbox process(es) left: ${leftover.slice(0, 3).join(" | ")}`);

  const calls = {} as BackendOutcome["calls"];
  for (const kind of ["list", "exec", "create", "delete"] as CallKind[]) {
    const records = loadLog.calls.filter((call) => call.kind === kind);
    const ms = records.map((call) => call.ms);
    const over2s = kind === "create" ? 0 : ms.filter((value) => value > 2_000).length;
    calls[kind] = {
      n: records.length,
      p50: round(percentile(ms, 50)),
      p95: round(percentile(ms, 95)),
      max: round(Math.max(0, ...ms)),
      over2s,
      status5xx: records.filter((call) => call.status >= 500).length,
    };
    if (over2s > 0 && !flag("--no-latency-bound")) failures.push(`${over2s} ${kind} call(s) took longer than 2 s`);
  }

  // The setup's calls (the executors' creates, the warm-up) come before the load, their deletes after it.
  const slowByWindow = { windows: Array.from({ length: Math.ceil(runSeconds / 5) }, () => 0), before: 0, after: 0 };
  for (const call of loadLog.calls) {
    if (call.kind === "create" || call.ms <= 2_000) continue;
    const window = Math.floor((call.sentAt - input.loadStart) / 5_000);
    if (window < 0) slowByWindow.before++;
    else if (window >= slowByWindow.windows.length) slowByWindow.after++;
    else slowByWindow.windows[window]!++;
  }

  // Memory: a server warms up (JIT, caches, a larger heap) and then must stay flat. Flat: the
  // end is within 15 % (or 32 MiB) of the highest sample of the run's first half. Judged from a
  // minute on: `next start` grows its heap for most of the first minute under this load (30 users:
  // 180 to 350 MiB in 55 s, then back to 310 and flat), so a shorter run's second half is warm-up.
  const samples = input.rss;
  const firstHalf = samples.slice(0, Math.max(1, Math.ceil(samples.length / 2)));
  const end = samples.at(-1)!;
  const judgeMemory = !flag("--profile") && runSeconds >= minSecondsForMemory;
  const series: [string, (sample: RssSample) => number][] = [
    ...end.apps.map((_, i): [string, (sample: RssSample) => number] => [end.apps.length > 1 ? `app ${i + 1}` : "app", (s) => s.apps[i]!]),
    ["stack", (s) => s.stack],
  ];
  for (const [name, of] of judgeMemory ? series : []) {
    const settled = Math.max(...firstHalf.map(of));
    if (of(end) > settled + Math.max(32, settled * 0.15))
      failures.push(`${name} memory kept growing: ${settled} MiB by mid-run, ${of(end)} MiB at the end`);
  }
  return {
    backend,
    users: users.length,
    seconds: runSeconds,
    instances: instanceCount,
    calls,
    slowByWindow,
    realtime: { expected: createdCount * 2, missed: missed.length, foreign: foreign.length, drops },
    rowsLeft: rows.length,
    reservationsLeft: reservations.length,
    duplicateSandboxIds,
    sandboxProcessesLeft: leftover.length,
    activeOnOrchestrator: health.active_sandboxes,
    rss: { apps: end.apps.map((_, i) => samples.map((s) => s.apps[i]!)), stack: samples.map((s) => s.stack) },
    cpu: input.cpu,
    requests: input.requests,
    handlers: input.handlers,
    failures,
  };
}

function printTable(outcomes: BackendOutcome[]) {
  console.log(
    "\nLoad: users listing every second with realtime open; a fifth of them also run commands back to back, a tenth create and delete.",
  );
  for (const outcome of outcomes) {
    console.log(
      `\n${outcome.backend}: ${outcome.users} users, ${outcome.seconds} s, ${outcome.instances} next start instance${outcome.instances > 1 ? "s" : ""}`,
    );
    console.log("| call   | n      | p50 ms | p95 ms | max ms | > 2 s | 5xx |");
    console.log("| ------ | ------ | ------ | ------ | ------ | ----- | --- |");
    for (const [kind, figures] of Object.entries(outcome.calls)) {
      console.log(
        `| ${kind.padEnd(6)} | ${String(figures.n).padStart(6)} | ${String(figures.p50).padStart(6)} | ${String(figures.p95).padStart(6)} | ${String(figures.max).padStart(6)} | ${String(kind === "create" ? "–" : figures.over2s).padStart(5)} | ${String(figures.status5xx).padStart(3)} |`,
      );
    }
    const inHandlers = (["list", "exec", "create", "delete"] as CallKind[]).flatMap((kind) => {
      const times = outcome.handlers[kind];
      if (!times) return [];
      return [`${kind} ${times.p50} / ${times.p95}${times.upstreamP50 === null ? "" : ` (orchestrator p50 ${times.upstreamP50})`}`];
    });
    if (inHandlers.length > 0)
      console.log(
        `in the app's handlers, p50 / p95 ms (its request log; the rest of a call's time is spent before and after): ${inHandlers.join(", ")}`,
      );
    const slow = outcome.slowByWindow;
    console.log(
      `calls over 2 s (creates aside) by 5-s window of the load: ${slow.windows.join(" ")}; before it (setup) ${slow.before}, after it (the deletes that end it) ${slow.after}`,
    );
    const { realtime, rss } = outcome;
    console.log(
      `realtime: ${realtime.expected} own changes expected, ${realtime.missed} missed, ${realtime.foreign} of another user's, ${realtime.drops} channel drops`,
    );
    console.log(
      `afterwards: ${outcome.rowsLeft} rows left, ${outcome.reservationsLeft} reservations held, ${outcome.duplicateSandboxIds} duplicated sandbox_id, ${outcome.activeOnOrchestrator} sandboxes on the orchestrator, ${outcome.sandboxProcessesLeft} sandbox processes`,
    );
    console.log(
      `memory (RSS MiB every 2 s${outcome.seconds < minSecondsForMemory ? `; not judged under ${minSecondsForMemory} s` : ""}): ${rss.apps.map((figures, i) => `app${rss.apps.length > 1 ? ` ${i + 1}` : ""} ${figures.join(" ")}`).join("; ")}; local stack ${rss.stack.join(" ")}`,
    );
    const { cpu } = outcome;
    console.log(
      `CPU during the load: next start ${cpu.app} s${outcome.instances > 1 ? " (all instances)" : ""}, local stack ${cpu.stack} s${outcome.backend === "postgres" ? `, its Postgres backends ${cpu.postgres} s` : ""} ; the simulated users ${cpu.load} s (of ${outcome.seconds} s)${
        cpu.machine === null || cpu.cores === null
          ? ""
          : `; the whole machine ${cpu.machine} of ${cpu.cores * outcome.seconds} s (${cpu.cores} cores), ${round(cpu.machine - cpu.app - cpu.stack - cpu.postgres - cpu.load)} s of it in none of these (the sandboxes' commands, mostly)`
      }`,
    );
    const busiest = Object.entries(outcome.requests)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([what, n]) => `${n} ${what.replace(/^127\.0\.0\.1:/, ":")}`);
    console.log(`local stack received: ${busiest.join(", ")}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
