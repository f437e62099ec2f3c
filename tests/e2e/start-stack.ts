/**
 * Playwright's webServer: an in-memory, seeded local Supabase on a free port and `next dev`
 * against it. SIGTERM/SIGINT stop both; if either dies, the other is stopped too.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { startLocalSupabase } from "../../local-stack/supabase/server.ts";
import { E2E_APP_PORT } from "./stack-config.ts";

const supabase = await startLocalSupabase({ port: 0, seed: true });
console.log(`[e2e] local Supabase on ${supabase.url}`);

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const app = spawn(process.execPath, [nextBin, "dev", "--port", String(E2E_APP_PORT), "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NEXT_PUBLIC_SUPABASE_URL: supabase.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.keys.publishableKey,
    SUPABASE_SECRET_KEY: supabase.keys.secretKey,
    // Nothing in these tests reaches the orchestrator; the values only have to be well formed.
    MATRX_ORCHESTRATOR_URL: "http://127.0.0.1:9",
    MATRX_ORCHESTRATOR_API_KEY: "e2e-unused",
    APP_ORIGINS: `http://127.0.0.1:${E2E_APP_PORT},http://localhost:${E2E_APP_PORT}`,
    // Its own build folder, so a developer's `next dev` on the same tree is not disturbed.
    NEXT_DIST_DIR: ".next/e2e",
    NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

let stopping = false;
async function stop(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      app.kill("SIGKILL");
    }
    await supabase.stop();
  }
  process.exit(exitCode);
}

process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
app.on("exit", (code) => {
  if (!stopping) {
    console.error(`[e2e] next dev exited (${code}); stopping the stack`);
    void stop(code || 1);
  }
});
