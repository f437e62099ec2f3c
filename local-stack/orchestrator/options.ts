import path from "node:path";
import { defaultStateDir } from "../paths.ts";
import { defaultLimits, type SandboxLimits } from "./limits.ts";

export type IsolationSetting = "auto" | "bwrap" | "none";
export type IsolationMode = "bwrap" | "none";

/** `enforce`: a command past its timeout is killed (local default); `ignore`: validated, never applied (production). */
export type ExecTimeoutMode = "enforce" | "ignore";

export interface FaultSettings {
  /** Added to every response, in milliseconds. */
  latency_ms: number;
  /** Fraction (0..1) of requests answered with a bare 500. */
  error_rate: number;
  /** Accept connections and close them at once, without an answer. */
  refuse: boolean;
  /** Fraction (0..1) of JSON responses whose body is cut short. */
  malformed_json: number;
  /** Production's: the timeout is never applied, and a caller going away does not stop the command. */
  exec_timeout: ExecTimeoutMode;
  /** Production's: one exec at a time for the whole orchestrator, and every other request waits for it. */
  serial: boolean;
  /** Production's without an S3 bucket: every create answers a plain-text 500 and writes nothing. */
  create_error: boolean;
}

export interface LocalOrchestratorOptions {
  /** 0 picks a free port. Default 8700. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Without it every request is accepted (local-dev mode). */
  apiKey?: string;
  /** Registry writes go here; without both, sandboxes live in memory only. */
  supabaseUrl?: string;
  supabaseSecretKey?: string;
  /** Sandbox homes live here. Default `.local-stack/sandboxes`. */
  dataDir?: string;
  /** Default auto: bwrap where it can create namespaces, else plain child processes. */
  isolation?: IsolationSetting;
  /** Pause between creating → starting → ready (and shutting_down → stopped). Default 400. */
  stepDelayMs?: number;
  /** Per stream cap on exec output. Default 1 MiB. */
  outputCapBytes?: number;
  /** Default TTL of a sandbox. Default 7200. */
  defaultTtlSeconds?: number;
  /** Files of stopped sandboxes are removed this long after they stopped. Default 7 days. */
  retentionSeconds?: number;
  /** How often expiry, retention and deleted rows are checked. Default 5000. */
  sweepIntervalMs?: number;
  /**
   * Whether the sweep ends sandboxes past expires_at. Default true. The production orchestrator
   * never does; off, the dashboard's own expiry (its cron route) is what ends them.
   */
  expireSandboxes?: boolean;
  /** Host uid/gid that runs sandbox commands when the orchestrator runs as root. Default 100000. */
  sandboxUid?: number;
  /** Resource limits of sandbox commands; each field falls back to its default. */
  limits?: Partial<SandboxLimits>;
  /** Per-sandbox pids and memory cgroups where they can be made (root). Default true. */
  cgroups?: boolean;
  /** Faults active from the start (tests can change them with POST /__faults). */
  faults?: Partial<FaultSettings>;
  /** Default: console.log with a prefix. */
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<
  Omit<LocalOrchestratorOptions, "apiKey" | "supabaseUrl" | "supabaseSecretKey" | "faults" | "limits">
> &
  Pick<LocalOrchestratorOptions, "apiKey" | "supabaseUrl" | "supabaseSecretKey"> & { faults: FaultSettings; limits: SandboxLimits };

export const noFaults: FaultSettings = {
  latency_ms: 0,
  error_rate: 0,
  refuse: false,
  malformed_json: 0,
  exec_timeout: "enforce",
  serial: false,
  create_error: false,
};

export function resolveOptions(options: LocalOrchestratorOptions): ResolvedOptions {
  return {
    port: options.port ?? 8700,
    host: options.host ?? "127.0.0.1",
    apiKey: options.apiKey || undefined,
    supabaseUrl: options.supabaseUrl,
    supabaseSecretKey: options.supabaseSecretKey,
    dataDir: path.resolve(options.dataDir ?? path.join(defaultStateDir, "sandboxes")),
    isolation: options.isolation ?? "auto",
    stepDelayMs: options.stepDelayMs ?? 400,
    outputCapBytes: options.outputCapBytes ?? 1024 * 1024,
    defaultTtlSeconds: options.defaultTtlSeconds ?? 7200,
    retentionSeconds: options.retentionSeconds ?? 7 * 24 * 3600,
    sweepIntervalMs: options.sweepIntervalMs ?? 5000,
    expireSandboxes: options.expireSandboxes ?? true,
    sandboxUid: options.sandboxUid ?? 100000,
    faults: { ...noFaults, ...options.faults },
    limits: { ...defaultLimits, ...options.limits },
    cgroups: options.cgroups ?? true,
    log: options.log ?? ((line) => console.log(`[orchestrator] ${line}`)),
  };
}
