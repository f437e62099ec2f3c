import type { IncomingMessage } from "node:http";
import { HttpError, type ValidationIssue } from "./errors.ts";
import { noFaults, type FaultSettings } from "./options.ts";

const loopback = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export const isLoopback = (request: IncomingMessage) => loopback.has(request.socket.remoteAddress ?? "");

const loopbackNames = new Set(["127.0.0.1", "localhost", "::1"]);

/** The name part of a Host header, lower-case and without brackets or port; null when malformed. */
export function hostName(header: string): string | null {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:\[\]]+))(?::\d{1,5})?$/i.exec(header.trim());
  return match ? (match[1] ?? match[2]!).toLowerCase() : null;
}

export const isLoopbackName = (name: string) => loopbackNames.has(name.toLowerCase());

/** Body of POST /__faults: any subset of the settings; `{}` or `{"reset": true}` turns them all off. */
export function parseFaultPatch(body: unknown, current: FaultSettings): FaultSettings {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(422, [{ type: "dict_type", loc: ["body"], msg: "Input should be a valid dictionary", input: body }]);
  }
  const patch = body as Record<string, unknown>;
  if (patch.reset === true) return { ...noFaults };
  const next = { ...current };
  const issues: ValidationIssue[] = [];
  const fraction = (key: "error_rate" | "malformed_json") => {
    const v = patch[key];
    if (v === undefined) return;
    const n = v === true ? 1 : v === false ? 0 : v;
    if (typeof n !== "number" || n < 0 || n > 1) {
      issues.push({ type: "value_error", loc: ["body", key], msg: "Value error, must be a number between 0 and 1", input: v });
    } else next[key] = n;
  };
  fraction("error_rate");
  fraction("malformed_json");
  if (patch.latency_ms !== undefined) {
    const v = patch.latency_ms;
    if (typeof v !== "number" || v < 0) {
      issues.push({ type: "value_error", loc: ["body", "latency_ms"], msg: "Value error, must be a number of milliseconds", input: v });
    } else next.latency_ms = v;
  }
  if (patch.refuse !== undefined) next.refuse = patch.refuse === true;
  if (patch.exec_timeout !== undefined) {
    const v = patch.exec_timeout;
    if (v !== "enforce" && v !== "ignore") {
      issues.push({ type: "value_error", loc: ["body", "exec_timeout"], msg: 'Value error, must be "enforce" or "ignore"', input: v });
    } else next.exec_timeout = v;
  }
  for (const key of ["serial", "create_error"] as const) {
    const v = patch[key];
    if (v === undefined) continue;
    if (typeof v !== "boolean") issues.push({ type: "bool_type", loc: ["body", key], msg: "Input should be a valid boolean", input: v });
    else next[key] = v;
  }
  if (issues.length) throw new HttpError(422, issues);
  return next;
}

const yes = (raw: string | undefined) => (raw ? ["1", "true", "yes", "on"].includes(raw.toLowerCase()) : undefined);

/**
 * The fault knobs, and production's behaviours: ORCHESTRATOR_EXEC_TIMEOUT=ignore, ORCHESTRATOR_SERIAL=1,
 * ORCHESTRATOR_FAULT_CREATE_ERROR=1, and ORCHESTRATOR_PRODUCTION=1 for both exec behaviours at once.
 */
export function faultsFromEnv(env: Record<string, string | undefined>): Partial<FaultSettings> {
  const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const production = yes(env.ORCHESTRATOR_PRODUCTION);
  const timeout = env.ORCHESTRATOR_EXEC_TIMEOUT;
  if (timeout && timeout !== "enforce" && timeout !== "ignore") {
    throw new Error(`ORCHESTRATOR_EXEC_TIMEOUT must be enforce or ignore (got ${timeout})`);
  }
  return Object.fromEntries(
    Object.entries({
      latency_ms: number("ORCHESTRATOR_FAULT_LATENCY_MS"),
      error_rate: number("ORCHESTRATOR_FAULT_ERROR_RATE"),
      refuse: yes(env.ORCHESTRATOR_FAULT_REFUSE),
      malformed_json: number("ORCHESTRATOR_FAULT_MALFORMED_JSON"),
      exec_timeout: timeout || (production ? "ignore" : undefined),
      serial: yes(env.ORCHESTRATOR_SERIAL) ?? production,
      create_error: yes(env.ORCHESTRATOR_FAULT_CREATE_ERROR),
    }).filter(([, v]) => v !== undefined && !Number.isNaN(v)),
  );
}
