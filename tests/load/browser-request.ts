import http from "node:http";
import { gunzipSync } from "node:zlib";
import type { Answer } from "../../bench/lib/session.ts";

/** What a simulated user's browser holds: its session cookies and its own connections to the app. */
export interface BrowserSession {
  cookie: string;
  /** Kept-alive connections of this user only, as a browser keeps its own; never shared between users. */
  agent: http.Agent;
}

/**
 * A request to the app as the dashboard's pages make it from one browser: session cookie, Origin on
 * writes, gzip accepted, over that browser's kept-alive connections. A request that meets a kept
 * connection the server has just closed is sent once more on a new one, as browsers do.
 */
export function browserRequest(appUrl: string, browser: BrowserSession, method: string, path: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { cookie: browser.cookie, "accept-encoding": "gzip" };
  if (method !== "GET") {
    headers.origin = appUrl;
    headers["sec-fetch-site"] = "same-origin";
  }
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  const send = (retried: boolean): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const request = http.request(new URL(path, appUrl), { method, headers, agent: browser.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          const text = (response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // Not JSON: kept as text for the report.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        if (!retried && request.reusedSocket && error.code === "ECONNRESET") resolve(send(true));
        else reject(error);
      });
      request.end(payload);
    });
  return send(false);
}
