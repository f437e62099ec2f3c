import type { IncomingMessage } from "node:http";
import { HttpError, UnhandledServerError } from "./errors.ts";
import type { ExclusiveGate } from "./exclusive-gate.ts";
import type { SandboxManager } from "./sandbox-manager.ts";
import { parseComplete, parseCreateSandbox, parseErrorReport, parseExec } from "./validation.ts";
import type { FaultSettings, IsolationMode } from "./options.ts";
import type { LimitsReport } from "./limits.ts";

export interface RouteContext {
  request: IncomingMessage;
  params: string[];
  query: URLSearchParams;
  body(): Promise<unknown>;
  /** Aborted when the caller closes the request before the answer is sent. */
  signal: AbortSignal;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** Open routes need no API key. */
  open?: boolean;
  handle(context: RouteContext): Promise<RouteResult>;
}

export interface RouteDeps {
  manager: SandboxManager;
  isolation: IsolationMode;
  /** Why the isolation is weaker than it should be, for /health. */
  isolationWarning?: string;
  limits: LimitsReport;
  startedAt: number;
  /** Production's behaviours that are switched on (the same object POST /__faults changes). */
  faults: FaultSettings;
  /** Holds every other request while an exec runs, when `faults.serial` is on. */
  gate: ExclusiveGate;
}

const truthy = new Set(["1", "on", "t", "true", "y", "yes"]);
const falsy = new Set(["0", "off", "f", "false", "n", "no"]);

function queryBool(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (truthy.has(raw.toLowerCase())) return true;
  if (falsy.has(raw.toLowerCase())) return false;
  throw new HttpError(422, [
    { type: "bool_parsing", loc: ["query", name], msg: "Input should be a valid boolean, unable to interpret input", input: raw },
  ]);
}

const sandboxRoute = (suffix = "") => new RegExp(`^/sandboxes/([^/]+)${suffix}$`);
const notIsolatedWarning = "Sandboxes are NOT isolated: commands run as plain child processes on this machine.";

export function buildRoutes({ manager, isolation, isolationWarning, limits, startedAt, faults, gate }: RouteDeps): Route[] {
  return [
    {
      method: "GET",
      pattern: /^\/$/,
      open: true,
      handle: async () => ({
        status: 200,
        body: { service: "matrx-sandbox-orchestrator", implementation: "local", status: "running", isolation },
      }),
    },
    {
      method: "GET",
      pattern: /^\/health$/,
      open: true,
      handle: async () => ({
        status: 200,
        body: {
          status: "healthy",
          active_sandboxes: manager.activeCount,
          uptime_seconds: Math.round((Date.now() - startedAt) / 10) / 100,
          isolation,
          isolated: isolation !== "none",
          limits: {
            processes: limits.processes,
            processes_scope: limits.processes_scope,
            memory_bytes: limits.memoryBytes,
            memory_scope: limits.memory_scope,
            file_size_bytes: limits.fileSizeBytes,
            open_files: limits.openFiles,
            cpu_seconds: limits.cpuSeconds,
            disk_bytes: limits.diskBytes,
            disk_scope: limits.disk_scope,
            enforced_by: limits.enforced_by,
          },
          production_behaviour: {
            exec_timeout: faults.exec_timeout === "ignore" ? "ignored" : "enforced",
            serial_exec: faults.serial,
            create_error: faults.create_error,
          },
          ...(isolation === "none" ? { warning: notIsolatedWarning } : isolationWarning ? { warning: isolationWarning } : {}),
        },
      }),
    },
    {
      method: "POST",
      pattern: /^\/sandboxes$/,
      handle: async ({ body }) => {
        const request = parseCreateSandbox(await body());
        // Production without an S3 bucket: ensure_user_storage raises before any row is written.
        if (faults.create_error) throw new UnhandledServerError("create_error fault");
        return { status: 201, body: await manager.create(request) };
      },
    },
    {
      method: "GET",
      pattern: /^\/sandboxes$/,
      handle: async ({ query }) => {
        const sandboxes = manager.list(query.get("user_id") ?? undefined);
        return { status: 200, body: { sandboxes, total: sandboxes.length } };
      },
    },
    {
      method: "GET",
      pattern: sandboxRoute(),
      handle: async ({ params }) => ({ status: 200, body: manager.get(params[0]!).view() }),
    },
    {
      method: "DELETE",
      pattern: sandboxRoute(),
      handle: async ({ params, query }) => {
        const graceful = queryBool(query, "graceful", true);
        await manager.destroy(params[0]!, graceful);
        return { status: 204 };
      },
    },
    {
      method: "POST",
      pattern: sandboxRoute("/exec"),
      // Like FastAPI, the body is validated before the handler looks the sandbox up.
      handle: async ({ params, body, signal }) => {
        const request = parseExec(await body());
        const run = () => manager.exec(params[0]!, request, signal);
        return { status: 200, body: await (faults.serial ? gate.exclusive(run) : run()) };
      },
    },
    {
      method: "POST",
      pattern: sandboxRoute("/heartbeat"),
      handle: async ({ params }) => {
        await manager.heartbeat(params[0]!);
        return { status: 200, body: { acknowledged: true, sandbox_id: params[0] } };
      },
    },
    {
      method: "POST",
      pattern: sandboxRoute("/access"),
      // Production adds the key with an exec: it waits behind a running one as any exec does.
      handle: async ({ params }) => {
        const run = () => manager.access(params[0]!);
        return { status: 200, body: await (faults.serial ? gate.exclusive(run) : run()) };
      },
    },
    {
      method: "POST",
      pattern: sandboxRoute("/complete"),
      handle: async ({ params, body }) => {
        const id = params[0]!;
        parseComplete(await body());
        await manager.finish(id, "graceful_shutdown");
        return { status: 200, body: { status: "shutting_down", sandbox_id: id } };
      },
    },
    {
      method: "POST",
      pattern: sandboxRoute("/error"),
      handle: async ({ params, body }) => {
        const id = params[0]!;
        const report = parseErrorReport(await body());
        await manager.finish(id, "error", report.error);
        return { status: 200, body: { status: "shutting_down", sandbox_id: id, error_received: true } };
      },
    },
  ];
}
