import http from "node:http";
import type { Duplex } from "node:stream";
import { ApiError } from "../api/errors";
import { fileLimits, maxBodyBytes } from "../sandbox/request-limits";

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
 * And two kinds of answer Next would give in its own shape: a request Node's parser refuses
 * (headers past 16 KB, a malformed request line or Content-Length) gets Node's bare 400/431,
 * and a path under /api with an empty segment (`/api/sandbox//exec`) a 308 to the collapsed
 * path; both get the API's JSON error shape instead (the path is served collapsed). A body
 * declared past the API's 64 KB (a file upload's 256 KB) is refused (413) before any of it is read.
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
    if (event === "clientError") return answerClientError(args[0] as NodeJS.ErrnoException, args[1] as Duplex);
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
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  const api = path === "/api" || path.startsWith("/api/");
  if (api && path.includes("//")) request.url = path.replace(/\/{2,}/g, "/") + (query === -1 ? "" : url.slice(query));
  // Next reads the whole body before the route runs (the proxy may read it): a body declared past
  // the limit is refused now, not after the client has sent it, or never if it never does.
  const limit = bodyLimit(path);
  if (api && Number(request.headers["content-length"]) > limit) {
    response.shouldKeepAlive = false;
    refuse(response, request.url ?? "/", new ApiError("payload_too_large", `The request body is larger than ${limit / 1024} KB.`));
    return true;
  }
  if (request.method && unroutableMethods.has(request.method)) {
    refuse(response, request.url ?? "/", new ApiError("method_not_allowed", `${request.method} is not allowed.`), {
      Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    });
    return true;
  }
  return false;
}

/** A file upload's body is the file (up to `fileLimits.uploadBytes`); every other API body is JSON. */
const uploadPath = /^\/api\/sandbox\/[^/]+\/files\/upload\/?$/;
const bodyLimit = (path: string) => (uploadPath.test(path.replace(/\/{2,}/g, "/")) ? fileLimits.uploadBytes : maxBodyBytes);

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

/** What Node's parser refused, answered in the API's shape (Node's default is a bare status line). */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): true {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return true;
  }
  const answer =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new ApiError("headers_too_large", "The request's address and headers are too large.")
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new ApiError("request_timeout", "The request did not arrive in time.")
        : new ApiError("validation", "The request is not valid HTTP.");
  const body = JSON.stringify(answer.toBody());
  socket.end(
    `HTTP/1.1 ${answer.status} ${http.STATUS_CODES[answer.status]}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  return true;
}
