import http from "node:http";
import { ApiError } from "../api/errors";

/**
 * Two kinds of request never reach proxy.ts, so they are answered at the Node server:
 *  - TRACE, TRACK and CONNECT: Next builds a fetch Request for the proxy, which refuses
 *    these methods, and answers 500 with an HTML page;
 *  - an absolute-form target ("GET http://evil.example/api/sandbox HTTP/1.1"): Next's
 *    router answers 308 to that URL, another site. One for this server's own Host is
 *    served as the plain path; any other is refused.
 * It also sets X-Forwarded-For to the socket's address when no proxy is trusted
 * (TRUSTED_PROXY_HOPS unset or 0): Next keeps a client's own header, which would let
 * anyone pick the address the sign-in limit counts against.
 * Installed from next.config.ts, which `next dev` and `next start` load in the process
 * that owns the HTTP server (requests are held until it has loaded).
 */
export function installRawRequestGuard(): void {
  const server = http.Server.prototype as http.Server & { [installed]?: true };
  if (server[installed]) return;
  server[installed] = true;
  const emit = server.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
  server.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request" && answeredHere(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    return emit.call(this, event, ...args);
  } as typeof server.emit;
}

const installed = Symbol.for("sandbox-dashboard.raw-request-guard");
const unroutableMethods = new Set(["TRACE", "TRACK", "CONNECT"]);

function answeredHere(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if (!Number(process.env.TRUSTED_PROXY_HOPS)) request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "unknown";
  const target = request.url ?? "/";
  if (!target.startsWith("/")) {
    let url: URL | null = null;
    try {
      url = new URL(target);
    } catch {
      // not a URL either: refused below
    }
    if (!url || url.host !== request.headers.host) {
      refuse(response, target, new ApiError("misdirected", "This server answers only for its own site."));
      return true;
    }
    request.url = `${url.pathname}${url.search}`;
  }
  if (request.method && unroutableMethods.has(request.method)) {
    refuse(response, request.url ?? "/", new ApiError("method_not_allowed", `${request.method} is not allowed.`), {
      Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    });
    return true;
  }
  return false;
}

function refuse(response: http.ServerResponse, target: string, error: ApiError, headers: Record<string, string> = {}) {
  const path = target.startsWith("/") ? target : "";
  const api = path === "/api" || path.startsWith("/api/") || path.startsWith("/api?");
  const body = api ? JSON.stringify(error.toBody()) : `${error.message}\n`;
  response.writeHead(error.status, {
    ...headers,
    "Content-Type": api ? "application/json" : "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
}
