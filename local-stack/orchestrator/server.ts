import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { chmodSync, mkdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { checkApiKey } from "./api-key.ts";
import { HttpError, UnhandledServerError } from "./errors.ts";
import { ExclusiveGate } from "./exclusive-gate.ts";
import { reachableDataDir } from "./reachable-data-dir.ts";
import { hostName, isLoopback, isLoopbackName, parseFaultPatch } from "./faults.ts";
import { parseJsonBody, readBody, sendJson, sendText } from "./http-io.ts";
import { parseRequestTarget } from "./request-target.ts";
import { chooseIsolation } from "./isolation.ts";
import { describeLimits, limitedIsolation } from "./limits.ts";
import { detectCgroups } from "./cgroups.ts";
import { randomBytes } from "node:crypto";
import { resolveOptions, type FaultSettings, type IsolationMode, type LocalOrchestratorOptions } from "./options.ts";
import { memoryRegistry, supabaseRegistry } from "./registry.ts";
import { buildRoutes, type Route } from "./routes.ts";
import { SandboxManager } from "./sandbox-manager.ts";
import { HostCommands } from "./host-commands.ts";

export type { LocalOrchestratorOptions, FaultSettings, IsolationMode };

export interface LocalOrchestrator {
  url: string;
  port: number;
  isolation: IsolationMode;
  dataDir: string;
  /** Current fault settings (the same object POST /__faults changes). */
  faults: FaultSettings;
  /** Runs expiry, retention and deleted-row checks now instead of waiting for the next sweep. */
  sweep(): Promise<void>;
  /** Stops active sandboxes (stop_reason graceful_shutdown) and closes the server. */
  stop(): Promise<void>;
}

export async function startLocalOrchestrator(input: LocalOrchestratorOptions = {}): Promise<LocalOrchestrator> {
  const resolved = resolveOptions(input);
  makeDataDir(resolved.dataDir);
  const chosen = chooseIsolation(resolved.isolation, resolved.dataDir, resolved.sandboxUid);
  // Unjailed and started as root, sandbox commands run as sandboxUid and must reach their folders
  // themselves (bubblewrap binds them in, as root if it has to: chooseIsolation).
  const options =
    chosen.mode === "none" && process.getuid?.() === 0
      ? { ...resolved, dataDir: reachableDataDir(resolved.dataDir, resolved.sandboxUid, resolved.log) }
      : resolved;
  if (options.dataDir !== resolved.dataDir) makeDataDir(options.dataDir);
  const cgroups = options.cgroups ? detectCgroups(`${process.pid}-${randomBytes(3).toString("hex")}`) : null;
  const isolation = limitedIsolation(chosen, options.limits, cgroups);
  const registry =
    options.supabaseUrl && options.supabaseSecretKey ? supabaseRegistry(options.supabaseUrl, options.supabaseSecretKey) : memoryRegistry();
  const hostCommands = new HostCommands();
  const manager = new SandboxManager(options, isolation, registry, hostCommands);
  await manager.reconcile();

  const faults = options.faults;
  const startedAt = Date.now();
  const gate = new ExclusiveGate();
  const routes = buildRoutes({
    manager,
    isolation: isolation.mode,
    isolationWarning: isolation.warning,
    limits: isolation.limits,
    startedAt,
    faults,
    gate,
  });
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      // Never the message: it can quote the request (a command, a path).
      const frames = ((error as Error).stack ?? "").split("\n").slice(1, 4).join(" ").replace(/\s+/g, " ");
      options.log(`unhandled ${(error as NodeJS.ErrnoException).code ?? (error as Error).name ?? "error"} on ${request.method}: ${frames}`);
      sendJson(response, 500, { detail: "Internal Server Error" });
    });
  });
  // What the HTTP parser refuses (bad request line, headers) still gets a JSON answer.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") return socket.destroy();
    const [status, detail] =
      error.code === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : [400, "Invalid HTTP request received."];
    const body = JSON.stringify({ detail });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : "Bad Request"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  // Exec may legitimately take up to its 600 s timeout.
  server.requestTimeout = 0;

  // A web page can make a browser send requests here; with DNS rebinding its own host name
  // resolves to 127.0.0.1, so on loopback only loopback names (and the configured one) are served.
  const configuredHost = options.host.toLowerCase();
  const listensOnLoopback = isLoopbackName(configuredHost) || /^127\./.test(configuredHost);
  const hostAllowed = (request: IncomingMessage) => {
    if (request.headers.host === undefined) return true;
    const name = hostName(request.headers.host);
    return name !== null && (isLoopbackName(name) || name === configuredHost);
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = parseRequestTarget(request.url ?? "/");
    if (listensOnLoopback && !hostAllowed(request)) return sendJson(response, 400, { detail: "Invalid host header" });
    if (url.path === "/__faults") return handleFaults(request, response);
    if (faults.refuse) {
      request.socket.destroy();
      return;
    }
    // Production's blocked event loop: nothing is served while an exec runs (/__faults is ours, not production's).
    if (faults.serial) await gate.idle();
    // Before the injected latency, so a caller who gives up while waiting still cancels its exec.
    const controller = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) controller.abort();
    });
    if (faults.latency_ms > 0) await sleep(faults.latency_ms);
    if (controller.signal.aborted) return;
    if (faults.error_rate > 0 && Math.random() < faults.error_rate) return sendText(response, 500, "Internal Server Error");
    const malformed = faults.malformed_json > 0 && Math.random() < faults.malformed_json;

    const matching = routes.filter((r) => r.pattern.test(url.path));
    const route: Route | undefined = matching.find((r) => r.method === request.method);
    try {
      if (!route) {
        if (matching.length) throw new HttpError(405, "Method Not Allowed", { allow: matching.map((r) => r.method).join(", ") });
        throw new HttpError(404, "Not Found");
      }
      if (!route.open) checkApiKey(request, expectedApiKey);
      const params = route.pattern.exec(url.path)!.slice(1);
      const result = await route.handle({
        request,
        params,
        query: url.query,
        body: async () => parseJsonBody(await readBody(request), request.headers["content-type"]),
        signal: controller.signal,
      });
      sendJson(response, result.status, result.body, { malformed });
    } catch (error) {
      if (error instanceof UnhandledServerError) return sendText(response, 500, "Internal Server Error");
      if (!(error instanceof HttpError)) throw error;
      sendJson(response, error.status, { detail: error.detail }, { malformed, headers: error.headers });
    }
  }

  // POST /__faults {"api_key": "…"} swaps the key this server expects, so a test can
  // make the dashboard's key wrong without restarting either; {"reset": true} restores it.
  let expectedApiKey = options.apiKey;

  async function handleFaults(request: IncomingMessage, response: ServerResponse) {
    if (!isLoopback(request)) return sendJson(response, 404, { detail: "Not Found" });
    try {
      // Browsers always send Origin on cross-site POSTs (no-cors included); test code never does.
      if (request.headers.origin !== undefined) throw new HttpError(403, "Cross-origin requests are not allowed");
      const name = hostName(request.headers.host ?? "");
      if (name === null || !isLoopbackName(name)) throw new HttpError(400, "Invalid host header");
      // The configured key, not the swapped one: a test that swapped it must still be able to reset.
      checkApiKey(request, options.apiKey);
      if (request.method === "POST") {
        const contentType = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
        if (contentType !== "application/json") throw new HttpError(415, "Content-Type must be application/json");
        const body = (parseJsonBody(await readBody(request)) ?? {}) as Record<string, unknown>;
        const { api_key: apiKey, ...patch } = typeof body === "object" && !Array.isArray(body) ? body : { api_key: undefined };
        if (typeof apiKey === "string" && apiKey) expectedApiKey = apiKey;
        if (patch.reset === true) expectedApiKey = options.apiKey;
        Object.assign(faults, parseFaultPatch(apiKey === undefined ? body : patch, faults));
      } else if (request.method !== "GET") throw new HttpError(405, "Method Not Allowed", { allow: "GET, POST" });
      sendJson(response, 200, faults);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendJson(response, error.status, { detail: error.detail }, { headers: error.headers });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host}:${port}`;

  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    sweeping = sweeping.then(() => manager.sweep()).catch((e: Error) => options.log(`sweep failed: ${e.message}`));
    return sweeping;
  };
  const sweeper = setInterval(sweep, options.sweepIntervalMs);
  sweeper.unref();

  options.log(
    isolation.mode === "bwrap"
      ? `listening on ${url}; isolation: bwrap${isolation.warning ? " as host root" : ""} (${isolation.reason}), sandboxes in ${options.dataDir}; registry: ${registry.persistent ? options.supabaseUrl : "in memory only"}; ${describeLimits(isolation.limits)}`
      : `listening on ${url}; isolation: NONE, sandboxes are NOT isolated, commands run as plain child processes (${isolation.reason}); sandboxes in ${options.dataDir}; registry: ${registry.persistent ? options.supabaseUrl : "in memory only"}; ${describeLimits(isolation.limits)}`,
  );
  const production = [
    faults.exec_timeout === "ignore" && "exec timeout ignored (a command runs until it ends)",
    faults.serial && "one exec at a time, every other request waits for it",
    faults.create_error && "every create answers a plain-text 500",
  ].filter(Boolean);
  if (production.length) options.log(`production behaviour: ${production.join("; ")}`);

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    isolation: isolation.mode,
    dataDir: options.dataDir,
    faults,
    sweep,
    stop() {
      stopping ??= (async () => {
        clearInterval(sweeper);
        await sweeping;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await manager.stopAll();
        await hostCommands.stop();
        cgroups?.removeAll();
        server.closeAllConnections();
        await closed;
        await registry.close();
      })();
      return stopping;
    },
  };
}

function makeDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o711 });
  // Sandbox commands run as an unprivileged uid that must be able to reach its own directory.
  chmodSync(dir, 0o711);
}
