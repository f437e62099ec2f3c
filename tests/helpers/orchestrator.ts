import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  startLocalOrchestrator,
  type FaultSettings,
  type LocalOrchestrator,
  type LocalOrchestratorOptions,
} from "../../local-stack/orchestrator/server.ts";
import type { IsolationSetting } from "../../local-stack/orchestrator/options.ts";
import { coldPath, hotPath } from "../../local-stack/orchestrator/sandbox-paths.ts";
import type { TestSupabase } from "./local-supabase.ts";
import { freePort } from "./free-port.ts";

/** What orchestrators start with unless a test asks for a mode: ORCHESTRATOR_ISOLATION (CI runs the suites with `none` too), else auto. */
export const testIsolation = (process.env.ORCHESTRATOR_ISOLATION || "auto") as IsolationSetting;

/** A sandbox's home and cold folder as its commands see them: the contract's paths when jailed, the host folders when not. */
export function expectedPaths(orch: { isolation: string; dataDir: string }, sandboxId: string) {
  return orch.isolation === "bwrap"
    ? { hot: hotPath, cold: coldPath }
    : { hot: path.join(orch.dataDir, sandboxId, "home"), cold: path.join(orch.dataDir, sandboxId, "cold") };
}

export interface ApiAnswer<T = any> {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: T;
  text: string;
  headers: Headers;
}

export interface TestOrchestrator extends LocalOrchestrator {
  logs: string[];
  /** Calls the orchestrator over HTTP with the API key (unless headers override it). */
  api<T = any>(
    method: string,
    route: string,
    body?: unknown,
    init?: { headers?: Record<string, string>; signal?: AbortSignal; raw?: string },
  ): Promise<ApiAnswer<T>>;
  /** Creates a sandbox for the user and returns its id. */
  createSandbox(userId: string, config?: Record<string, unknown>): Promise<string>;
  exec(
    sandboxId: string,
    command: string,
    extra?: Record<string, unknown>,
  ): Promise<{ exit_code: number; stdout: string; stderr: string; cwd: string }>;
  /** POST /__faults with the API key; returns the fault settings now in force. */
  setFaults(patch: Record<string, unknown>): Promise<FaultSettings>;
  /** Stops the server; removes the data dir unless keepData. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export const testApiKey = "test-orchestrator-key";

/** A local orchestrator on a free port with a temporary data dir, fast steps and no periodic sweep. */
export async function startTestOrchestrator(
  options: LocalOrchestratorOptions & { supabase?: TestSupabase } = {},
): Promise<TestOrchestrator> {
  const { supabase, ...rest } = options;
  const dataDir = rest.dataDir ?? mkdtempSync(path.join(tmpdir(), "orchestrator-test-"));
  const logs: string[] = [];
  const orchestrator = await startLocalOrchestrator({
    port: await freePort(),
    apiKey: testApiKey,
    isolation: testIsolation,
    stepDelayMs: 5,
    sweepIntervalMs: 3_600_000,
    log: (line) => logs.push(line),
    ...(supabase ? { supabaseUrl: supabase.url, supabaseSecretKey: supabase.keys.secretKey } : {}),
    ...rest,
    dataDir,
  });

  const key = "apiKey" in rest ? rest.apiKey : testApiKey;
  const api: TestOrchestrator["api"] = async (method, route, body, init = {}) => {
    const response = await fetch(orchestrator.url + route, {
      method,
      headers: {
        ...(key ? { "X-API-Key": key } : {}),
        ...(body !== undefined || init.raw !== undefined ? { "Content-Type": "application/json" } : {}),
        ...init.headers,
      },
      body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: init.signal,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, text, headers: response.headers };
  };

  return {
    ...orchestrator,
    logs,
    api,
    async createSandbox(userId, config = {}) {
      const answer = await api("POST", "/sandboxes", { user_id: userId, config });
      if (answer.status !== 201 || answer.body.status !== "ready") throw new Error(`create failed: ${answer.status} ${answer.text}`);
      return answer.body.sandbox_id as string;
    },
    async exec(sandboxId, command, extra = {}) {
      const answer = await api("POST", `/sandboxes/${sandboxId}/exec`, { command, ...extra });
      if (answer.status !== 200) throw new Error(`exec failed: ${answer.status} ${answer.text}`);
      return answer.body;
    },
    async setFaults(patch) {
      const answer = await api("POST", "/__faults", patch);
      if (answer.status !== 200) throw new Error(`setting faults failed: ${answer.status} ${answer.text}`);
      return answer.body;
    },
    async stop({ keepData = false } = {}) {
      await orchestrator.stop();
      if (!keepData && !rest.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One HTTP request with exactly these headers (fetch will not send a Host of our choosing). */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(url, { method: init.method ?? "GET", headers: init.headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    call.on("error", reject);
    call.end(init.body);
  });
}

/** Host processes whose command line starts with the given text (e.g. "sleep 123.456"). */
export function processesWith(marker: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").startsWith(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, limitMs = 15_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
