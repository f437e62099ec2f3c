// The local stack as `npm run local` runs it (local Supabase + local orchestrator in one
// process), started by the bench in a process of its own so that the bench's clients do
// not share its event loop. Prints one line `READY {...}` when both answer.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalSupabase } from "../local-stack/supabase/server.ts";
import { startLocalOrchestrator } from "../local-stack/orchestrator/server.ts";
import { loadOrCreateKeys } from "../local-stack/supabase/keys.ts";
import { serveUserFactory } from "../tests/helpers/auth-users.ts";

const stateDir = process.env.BENCH_STATE_DIR!;

// Requests each server received, by method and path (ids folded), printed on SIGUSR2 and at the end:
// shows how many round trips one API call costs.
const requestCounts = new Map<string, number>();
subscribe("http.server.request.start", (message) => {
  const { request } = message as { request: IncomingMessage };
  const key = `${request.headers.host} ${request.method} ${(request.url ?? "").split("?")[0]!.replace(/[0-9a-f-]{36}|sbx-[0-9a-f]{12}/g, ":id")}`;
  requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1);
});
// New TCP connections per listening port: with keep-alive, far fewer than requests.
subscribe("net.server.socket", (message) => {
  const { socket } = message as { socket: { localPort?: number } };
  const key = `connections to :${socket.localPort}`;
  requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1);
});
const printCounts = () => {
  console.log(`COUNTS ${JSON.stringify(Object.fromEntries(requestCounts))}`);
  requestCounts.clear();
};
process.on("SIGUSR2", printCounts);
const keys = await loadOrCreateKeys(stateDir);
const supabase = await startLocalSupabase({
  port: Number(process.env.BENCH_SUPABASE_PORT),
  databaseUrl: process.env.DATABASE_URL || undefined,
  keys,
  seed: true,
});
const sandboxes = mkdtempSync(path.join(tmpdir(), "bench-sandboxes-"));
const orchestrator = await startLocalOrchestrator({
  port: Number(process.env.BENCH_ORCHESTRATOR_PORT),
  apiKey: keys.orchestratorApiKey,
  supabaseUrl: supabase.url,
  supabaseSecretKey: keys.secretKey,
  dataDir: sandboxes,
  // The pauses between create steps only make the run longer; no figure measures them.
  stepDelayMs: 0,
  log: () => {},
});
// The load test's users are made as the seed makes the demo users (the local auth has no admin API).
const userFactory = await serveUserFactory(supabase.db);
console.log(
  `READY ${JSON.stringify({ supabaseUrl: supabase.url, orchestratorUrl: orchestrator.url, isolation: orchestrator.isolation, db: supabase.db.kind, sandboxesDir: sandboxes, userFactoryUrl: userFactory.url })}`,
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  printCounts();
  await userFactory.stop().catch((error) => console.error(error));
  await orchestrator.stop().catch((error) => console.error(error));
  await supabase.stop().catch((error) => console.error(error));
  rmSync(sandboxes, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
