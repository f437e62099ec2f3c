// CLI: starts the local orchestrator from environment variables.
import path from "node:path";
import { faultsFromEnv } from "./faults.ts";
import { limitsFromEnv } from "./limits.ts";
import type { IsolationSetting } from "./options.ts";
import { startLocalOrchestrator } from "./server.ts";

const env = process.env;
const int = (name: string) => (env[name] ? Number.parseInt(env[name]!, 10) : undefined);

const isolation = (env.ORCHESTRATOR_ISOLATION ?? "auto") as IsolationSetting;
if (!["auto", "bwrap", "none"].includes(isolation)) {
  console.error(`ORCHESTRATOR_ISOLATION must be auto, bwrap or none (got ${isolation})`);
  process.exit(2);
}

let faults: ReturnType<typeof faultsFromEnv>;
try {
  faults = faultsFromEnv(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const orchestrator = await startLocalOrchestrator({
  port: int("ORCHESTRATOR_PORT") ?? 8700,
  host: env.ORCHESTRATOR_HOST,
  apiKey: env.MATRX_ORCHESTRATOR_API_KEY,
  supabaseUrl: env.SUPABASE_URL ?? env.NEXT_PUBLIC_SUPABASE_URL,
  supabaseSecretKey: env.SUPABASE_SECRET_KEY,
  dataDir: env.ORCHESTRATOR_DATA_DIR ? path.resolve(env.ORCHESTRATOR_DATA_DIR) : undefined,
  isolation,
  stepDelayMs: int("ORCHESTRATOR_STEP_DELAY_MS"),
  outputCapBytes: int("ORCHESTRATOR_OUTPUT_CAP_BYTES"),
  defaultTtlSeconds: int("ORCHESTRATOR_DEFAULT_TTL_SECONDS"),
  retentionSeconds: int("ORCHESTRATOR_RETENTION_SECONDS"),
  sweepIntervalMs: int("ORCHESTRATOR_SWEEP_INTERVAL_MS"),
  // off: as in production, nothing here ends a sandbox at its expiry (the dashboard does).
  expireSandboxes: env.ORCHESTRATOR_EXPIRY !== "off",
  sandboxUid: int("ORCHESTRATOR_SANDBOX_UID"),
  faults,
  limits: limitsFromEnv(env),
  cgroups: env.ORCHESTRATOR_CGROUPS !== "0",
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    orchestrator.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
