import { tmpdir } from "node:os";
import path from "node:path";

/** Shared by playwright.config.ts, start-stack.ts and the specs. A port away from a developer's 3000 and 54321. */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_APP_PORT}`;
/** start-stack.ts writes what the specs need to reach the stack (URLs, keys, its control server) here. */
export const E2E_STACK_FILE = path.join(tmpdir(), `matrx-e2e-stack-${E2E_APP_PORT}.json`);

export interface E2EStackInfo {
  supabaseUrl: string;
  publishableKey: string;
  secretKey: string;
  orchestratorUrl: string;
  orchestratorApiKey: string;
  /** Loopback server: POST /supabase/stop, /supabase/start, /orchestrator/kill, /orchestrator/start, /sql {query, params}. */
  controlUrl: string;
  sandboxActiveLimit: number;
}
