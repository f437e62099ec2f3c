// The one command that runs the whole dashboard on this machine with no outside
// service: local Supabase (PGlite, auth, REST, realtime) + local orchestrator + next dev.
//   npm run local            start (data persists in .local-stack/)
//   npm run local -- --reset wipe local data first (keys are kept)
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { startLocalSupabase } from "../supabase/server.ts";
import { startLocalOrchestrator } from "../orchestrator/server.ts";
import { limitsFromEnv } from "../orchestrator/limits.ts";
import { faultsFromEnv } from "../orchestrator/faults.ts";
import { loadOrCreateKeys } from "../supabase/keys.ts";
import { defaultStateDir, repoRoot } from "../paths.ts";
import { writeLocalEnvFile } from "./env-file.ts";
import { demoUsers } from "../demo-users.ts";
import { browserUrl, exposureWarning, listenHost } from "./listen-host.ts";
import { startExpiryTimer } from "./expiry-timer.ts";

const host = listenHost();
const appPort = Number(process.env.PORT ?? 3000);
const supabasePort = Number(process.env.LOCAL_SUPABASE_PORT ?? 54321);
const orchestratorPort = Number(process.env.ORCHESTRATOR_PORT ?? 8700);
const databaseUrl = process.env.DATABASE_URL || undefined;
const stateDir = process.env.LOCAL_STACK_DIR ? path.resolve(process.env.LOCAL_STACK_DIR) : defaultStateDir;
const envFile = process.env.LOCAL_STACK_ENV_FILE ? path.resolve(process.env.LOCAL_STACK_ENV_FILE) : path.join(repoRoot, ".env.local");
const pgDataDir = path.join(stateDir, "pgdata");
const sandboxesDir = path.join(stateDir, "sandboxes");

async function main() {
  if (process.argv.includes("--reset")) {
    await rm(pgDataDir, { recursive: true, force: true });
    await rm(sandboxesDir, { recursive: true, force: true });
    console.log(databaseUrl ? "--reset only clears the PGlite data; DATABASE_URL is left alone." : "Local data wiped.");
  }
  const keys = await loadOrCreateKeys(stateDir);
  const supabase = await startLocalSupabase({
    host,
    port: supabasePort,
    dataDir: databaseUrl ? undefined : pgDataDir,
    databaseUrl,
    keys,
    seed: true,
  });

  const orchestrator = await startLocalOrchestrator({
    // Only the app's server calls it: it stays on loopback whatever HOST says.
    host: "127.0.0.1",
    port: orchestratorPort,
    apiKey: keys.orchestratorApiKey,
    supabaseUrl: supabase.url,
    supabaseSecretKey: keys.secretKey,
    dataDir: sandboxesDir,
    limits: limitsFromEnv(process.env),
    cgroups: process.env.ORCHESTRATOR_CGROUPS !== "0",
    // As in production, the orchestrator does not end sandboxes at their expiry: the dashboard
    // does, called by the timer below as a deployment's scheduler would call it.
    expireSandboxes: false,
    // ORCHESTRATOR_PRODUCTION=1 (or _EXEC_TIMEOUT=ignore, _SERIAL=1): production's exec behaviour.
    faults: faultsFromEnv(process.env),
  });
  // A new one each start: only this process and the app it starts need to know it.
  const cronSecret = randomBytes(32).toString("base64url");

  const env = {
    NEXT_PUBLIC_SUPABASE_URL: supabase.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: keys.publishableKey,
    SUPABASE_SECRET_KEY: keys.secretKey,
    MATRX_ORCHESTRATOR_URL: orchestrator.url,
    MATRX_ORCHESTRATOR_API_KEY: keys.orchestratorApiKey,
    APP_ORIGINS: `http://localhost:${appPort},http://127.0.0.1:${appPort}`,
    CRON_SECRET: cronSecret,
  };
  const wroteEnvFile = await writeLocalEnvFile(envFile, env);

  const next = spawn(path.join(repoRoot, "node_modules", ".bin", "next"), ["dev", "--port", String(appPort), "--hostname", host], {
    cwd: repoRoot,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
    detached: true,
  });

  const expiry = startExpiryTimer({ host, port: appPort, secret: cronSecret });

  printBanner({
    supabaseUrl: supabase.url,
    publishableKey: keys.publishableKey,
    secretKey: keys.secretKey,
    orchestratorUrl: orchestrator.url,
    isolation: orchestrator.isolation,
    wroteEnvFile,
    migrations: supabase.migrations,
    seeded: supabase.seeded,
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the dashboard and the local stack…");
    expiry.stop();
    killGroup(next);
    await orchestrator.stop().catch((error) => console.error(error));
    await supabase.stop().catch((error) => console.error(error));
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 1));
}

function killGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

function printBanner(info: {
  supabaseUrl: string;
  publishableKey: string;
  secretKey: string;
  orchestratorUrl: string;
  isolation: string;
  wroteEnvFile: boolean;
  migrations: string[];
  seeded: boolean;
}) {
  const lines = [
    "",
    "  Sandbox dashboard (local stack)",
    `  App:             ${browserUrl(host, appPort)}`,
    ...Object.values(demoUsers).map((a) => `  Demo user:       ${a.email} / ${a.password}`),
    `  Local Supabase:  ${info.supabaseUrl}  (auth, REST, realtime)`,
    `  Publishable key: ${info.publishableKey}`,
    `  Secret key:      ${info.secretKey}  (server only)`,
    `  Orchestrator:    ${info.orchestratorUrl}  (sandboxes ${info.isolation === "bwrap" ? "isolated with bubblewrap" : "NOT isolated: plain processes"})`,
    `  Database:        ${databaseUrl ? "DATABASE_URL" : `PGlite in ${path.relative(repoRoot, pgDataDir) || pgDataDir}/`}`,
    info.migrations.length ? `  Migrations run:  ${info.migrations.join(", ")}` : "  Migrations:      up to date",
    info.seeded ? "  Seeded demo data." : "",
    info.wroteEnvFile
      ? `  Wrote ${path.relative(repoRoot, envFile)}.`
      : `  ${path.relative(repoRoot, envFile)} was written by hand: left as it is.`,
    "  Expiry:          /api/cron/expire-sandboxes is called every 20 s (the orchestrator's own sweeper is off).",
    "  Ctrl+C stops everything.",
    exposureWarning(host) ?? "",
    "",
  ];
  console.log(lines.filter(Boolean).join("\n"));
}

main().catch((error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    console.error(
      `Port ${(error as { port?: number }).port ?? ""} is in use: is \`npm run local\` already running? ` +
        "Stop it, or choose other ports with PORT, LOCAL_SUPABASE_PORT and ORCHESTRATOR_PORT.",
    );
  } else {
    console.error(error);
  }
  process.exit(1);
});
