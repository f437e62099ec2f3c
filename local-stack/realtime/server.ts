// The local Supabase Realtime: the Phoenix channel protocol of realtime-js on
// /realtime/v1/websocket, with postgres_changes fed by notify triggers (see
// notify-triggers.sql) and filtered by RLS the way Supabase's Realtime does it.
// Broadcast and presence are not implemented (joins succeed, nothing is relayed).
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { LocalDatabase } from "../db/database.ts";
import type { AccessTokenClaims } from "../supabase/tokens.ts";
import { Catalog } from "./catalog.ts";
import { ChangeFeed, type Change } from "./change-feed.ts";
import { Dispatcher } from "./dispatch.ts";
import { RealtimeConnection } from "./connection.ts";
import { parseVsn } from "./protocol.ts";

export interface RealtimeOptions {
  db: LocalDatabase;
  verifyAccessToken(token: string): Promise<AccessTokenClaims | null>;
  apiKeyRole(key: string): "anon" | "service_role" | null;
}

const realtimePath = "/realtime/v1/websocket";

export function attachRealtime(server: Server, options: RealtimeOptions) {
  const wss = new WebSocketServer({ noServer: true });
  const catalog = new Catalog(options.db);
  const dispatcher = new Dispatcher(options.db, catalog);
  const connections = new Set<RealtimeConnection>();
  let closing = false;

  // Changes are dispatched one after another, in commit order.
  let dispatching: Promise<void> = Promise.resolve();
  const dispatch = (next: Promise<Change | null>) => {
    dispatching = dispatching
      .then(async () => {
        const change = await next;
        if (!change || closing) return;
        await dispatcher.dispatch(
          change,
          [...connections].flatMap((c) => c.subscribers()),
        );
      })
      .catch((error) => console.warn("[realtime] failed to dispatch a change:", error));
  };
  const feed = new ChangeFeed(options.db, catalog, dispatch);
  const ready = feed.start();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname.replace(/\/+$/, "") !== realtimePath) {
      if (server.listenerCount("upgrade") === 1) refuse(socket, 404, "Not Found");
      return;
    }
    if (closing) return refuse(socket, 503, "Service Unavailable");
    const key = url.searchParams.get("apikey") ?? headerValue(request.headers.apikey);
    if (!key) return refuse(socket, 401, "Unauthorized", "No API key found in request");
    const role = options.apiKeyRole(key);
    if (!role) return refuse(socket, 403, "Forbidden", "Invalid API key");
    const vsn = parseVsn(url.searchParams.get("vsn"));
    if (!vsn) return refuse(socket, 400, "Bad Request", "Unsupported vsn");

    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new RealtimeConnection(ws, vsn, role, { options, db: options.db, catalog, feed });
      connections.add(connection);
      ws.on("close", () => connections.delete(connection));
    });
  };
  server.on("upgrade", onUpgrade);

  return {
    ready,
    async close() {
      closing = true;
      server.off("upgrade", onUpgrade);
      await ready.catch(() => {});
      await feed.stop();
      await Promise.all([...connections].map((c) => c.settled()));
      await dispatching;
      await Promise.all([...wss.clients].map(closeSocket));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Closes as a restarting server would (clients reconnect); waits at most half a second. */
function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    const timer = setTimeout(() => ws.terminate(), 500);
    ws.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1001, "Realtime is restarting");
  });
}

function refuse(socket: Duplex, status: number, statusText: string, message = statusText): void {
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
