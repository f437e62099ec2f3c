// npm run bench [-- --quick | --smoke] [--no-build] [--no-startup] [--pglite-only | --postgres-only] [--profile]
// Builds the app for production into its own folder, then for each backend (the embedded
// PGlite, and the Postgres server of DATABASE_URL when it is set) starts the local stack and
// `next start`, and measures the API beside its upstream calls, interleaved. Prints a table
// and writes bench/results/latest.json. --smoke exits 1 only when a figure is 5× off target.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { loadOrCreateKeys } from "../local-stack/supabase/keys.ts";
import { demoUsers } from "../local-stack/demo-users.ts";
import { fullSizes, quickSizes, smokeSizes, type BenchContext, type Sizes } from "./lib/context.ts";
import { scratchDatabase } from "../tests/helpers/database.ts";
import { nextBin, repoRoot, runToEnd, startChild, startStackServer, taggedLines, waitForAnswer } from "./lib/processes.ts";
import { serviceClient, signIn, type Urls } from "./lib/session.ts";
import { round } from "./lib/stats.ts";
import { buildReport, printReport, type BackendResult } from "./lib/report.ts";
import { benchExec } from "./scenarios/exec.ts";
import { benchRoutes } from "./scenarios/routes.ts";
import { benchList } from "./scenarios/list.ts";
import { benchRealtime } from "./scenarios/realtime.ts";
import { benchBundles } from "./scenarios/bundle.ts";
import { benchStartup } from "./scenarios/startup.ts";
import { benchPages } from "./scenarios/pages.ts";
import { benchRealtimePaint } from "./scenarios/realtime-paint.ts";
import { benchTerminal } from "./scenarios/terminal.ts";
import { benchFiles } from "./scenarios/files.ts";
import { benchFilePreviewPaint } from "./scenarios/file-preview-paint.ts";
import { seedRows } from "./scenarios/list.ts";
import { createReadySandbox } from "./lib/sandboxes.ts";
import { withChromium } from "./lib/browser.ts";

const args = new Set(process.argv.slice(2));
/** --pglite-only / --postgres-only narrow a run to one backend. */
const runPglite = !args.has("--postgres-only");
const runPostgres = !args.has("--pglite-only") && Boolean(process.env.DATABASE_URL);
const mode = args.has("--smoke") ? "smoke" : args.has("--quick") ? "quick" : "full";
const sizes: Sizes = mode === "smoke" ? smokeSizes : mode === "quick" ? quickSizes : fullSizes;
const port = (name: string, fallback: number) => Number(process.env[name] || fallback);
const ports = {
  app: port("BENCH_APP_PORT", 3171),
  supabase: port("BENCH_SUPABASE_PORT", 54471),
  orchestrator: port("BENCH_ORCHESTRATOR_PORT", 8771),
  startupApp: port("BENCH_STARTUP_APP_PORT", 3270),
  startupSupabase: port("BENCH_STARTUP_SUPABASE_PORT", 54472),
  startupOrchestrator: port("BENCH_STARTUP_ORCHESTRATOR_PORT", 8772),
};
const stateDir = path.join(repoRoot, ".next", "bench");
const distDir = ".next/bench/build";
const supabaseUrl = `http://127.0.0.1:${ports.supabase}`;
const log = (line: string) => console.log(`[bench] ${line}`);

async function main() {
  mkdirSync(stateDir, { recursive: true });
  const keys = await loadOrCreateKeys(stateDir);
  // The build reads them when it starts (lib/env.ts); the build itself is timed as a product build,
  // type-check included, in a folder of its own.
  const publicEnv = { NEXT_PUBLIC_SUPABASE_URL: supabaseUrl, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: keys.publishableKey };
  const buildEnv = { ...process.env, ...publicEnv, NEXT_DIST_DIR: distDir, NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json" };

  let buildSeconds: number | null = null;
  if (!args.has("--no-build")) {
    log(`next build into ${distDir} …`);
    const started = performance.now();
    await runToEnd(process.execPath, [nextBin, "build"], { env: buildEnv, logFile: path.join(stateDir, "build.log") });
    buildSeconds = round((performance.now() - started) / 1000);
    log(`built in ${buildSeconds} s`);
  }

  const backends: BackendResult[] = [];
  if (runPglite) backends.push(await benchBackend("pglite", undefined, keys, buildEnv));
  if (runPostgres) {
    const scratch = await scratchDatabase(process.env.DATABASE_URL!, "matrx_bench");
    try {
      backends.push(await benchBackend("postgres", scratch.url, keys, buildEnv));
    } finally {
      await scratch.drop();
    }
  }

  log("first-load JS from the build …");
  const bundles = await benchBundles(distDir);

  let startup = null;
  if (mode !== "smoke" && !args.has("--no-startup")) {
    log("start-up: fresh clone, npm run local …");
    startup = await benchStartup(
      { app: ports.startupApp, supabase: ports.startupSupabase, orchestrator: ports.startupOrchestrator },
      stateDir,
    );
  }

  const report = buildReport({
    mode,
    sizes,
    machine: machine(),
    takenAt: new Date().toISOString(),
    buildSeconds,
    backends,
    bundles,
    startup,
  });
  const resultsDir = path.join(repoRoot, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, mode === "full" ? "latest.json" : `latest-${mode}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  printReport(report);
  log(`written to ${path.relative(repoRoot, file)}`);
  if (mode === "smoke" && report.smokeFailures.length > 0) {
    console.error(`Smoke: ${report.smokeFailures.length} figure(s) more than 5× off target:\n  ${report.smokeFailures.join("\n  ")}`);
    process.exitCode = 1;
  }
}

async function benchBackend(
  kind: "pglite" | "postgres",
  databaseUrl: string | undefined,
  keys: Awaited<ReturnType<typeof loadOrCreateKeys>>,
  buildEnv: NodeJS.ProcessEnv,
): Promise<BackendResult> {
  log(`${kind}: starting the local stack and next start …`);
  const stackLog = path.join(stateDir, `stack-${kind}.log`);
  const stack = startStackServer({ stateDir, ports, databaseUrl, logFile: stackLog });
  let app: ReturnType<typeof startChild> | undefined;
  try {
    const lines = taggedLines(stack, stackLog);
    const ready = await lines.next<{ supabaseUrl: string; orchestratorUrl: string; isolation: string }>("READY");
    /** What the stack's servers received since the last call (see stack-server.ts). */
    const counts = () => {
      const next = lines.next<Record<string, number>>("COUNTS");
      stack.process.kill("SIGUSR2");
      return next;
    };
    const appUrl = `http://127.0.0.1:${ports.app}`;
    const appLog = path.join(stateDir, `app-${kind}.log`);
    // --profile: a V8 CPU profile of the app server, written when it stops.
    const profile = args.has("--profile") ? ["--cpu-prof", `--cpu-prof-dir=${path.join(stateDir, "profiles")}`] : [];
    app = startChild(process.execPath, [...profile, nextBin, "start", "--port", String(ports.app), "--hostname", "127.0.0.1"], {
      env: {
        ...buildEnv,
        SUPABASE_SECRET_KEY: keys.secretKey,
        APP_ORIGINS: `${appUrl},http://localhost:${ports.app}`,
        MATRX_ORCHESTRATOR_URL: ready.orchestratorUrl,
        MATRX_ORCHESTRATOR_API_KEY: keys.orchestratorApiKey,
        // 300 back-to-back commands would hit the product's per-user rate limit (20 per 10 s).
        SANDBOX_EXEC_RATE_LIMIT: "1000000",
        SANDBOX_TOOL_EXEC_RATE_LIMIT: "1000000",
        SANDBOX_ACTIVE_LIMIT: "1000",
      },
      logFile: appLog,
    });
    await waitForAnswer(`${appUrl}/login`, 60_000, app);
    const urls: Urls = { appUrl, supabaseUrl: ready.supabaseUrl, orchestratorUrl: ready.orchestratorUrl };
    const ctx: BenchContext = {
      urls,
      orchestratorApiKey: keys.orchestratorApiKey,
      service: serviceClient(urls.supabaseUrl, keys.secretKey),
      alice: await signIn(urls, keys.publishableKey, demoUsers.alice.email, demoUsers.alice.password),
      bob: await signIn(urls, keys.publishableKey, demoUsers.bob.email, demoUsers.bob.password),
      sizes,
      appPgid: app.process.pid,
      log,
    };
    await counts();
    log(`${kind}: exec (${sizes.exec} each) …`);
    const exec = await benchExec(ctx);
    const execCounts = await counts();
    log(`${kind}: other routes …`);
    const routes = await benchRoutes(ctx, exec.sandboxId);
    await counts();
    log(`${kind}: list …`);
    const list = await benchList(ctx);
    const listCounts = await counts();
    log(`${kind}: realtime …`);
    const realtime = await benchRealtime(ctx);
    await ctx.alice.client.realtime.disconnect();
    await ctx.bob.client.realtime.disconnect();
    // Alice gets as many rows as bob has for the list figures: her list page is the one measured.
    await seedRows(ctx, sizes.listRows, ctx.alice);
    log(`${kind}: files (list, preview, download) …`);
    const files = await benchFiles(ctx);
    const sandbox = await createReadySandbox(ctx, ctx.alice.userId);
    log(`${kind}: pages (${sizes.pages} each) …`);
    const pages = await benchPages(ctx, sandbox);
    const { paint, terminal, filePreview } = await withChromium(async (browser) => {
      log(`${kind}: realtime to paint in Chromium (${sizes.paint}) …`);
      const paint = await benchRealtimePaint(ctx, browser);
      log(`${kind}: terminal in Chromium (${sizes.terminalEcho} × echo, ${sizes.terminalMegabyte} × 1 MB) …`);
      const terminal = await benchTerminal(ctx, browser, sandbox.id);
      log(`${kind}: file preview in Chromium …`);
      return { paint, terminal, filePreview: await benchFilePreviewPaint(ctx, browser, sandbox.id) };
    });
    return {
      backend: kind,
      isolation: ready.isolation,
      exec,
      routes,
      list,
      realtime,
      pages,
      paint,
      terminal,
      files,
      filePreview,
      upstreamRequests: { exec: execCounts, list: listCounts },
    };
  } finally {
    await app?.stop();
    await stack.stop();
  }
}

function machine() {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memory_gb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    /** Load average (1, 5, 15 min) when the report was written: above nproc, the figures are noisy. */
    loadavg: loadavg().map((value) => round(value, 2)),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
