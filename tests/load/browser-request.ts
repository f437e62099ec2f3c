import http from "node:http";
import { gunzipSync } from "node:zlib";
import { answerBody, appRequestHeaders, type Answer } from "../../bench/lib/session.ts";

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
  const headers: Record<string, string> = {
    ...appRequestHeaders(appUrl, browser.cookie, method, payload !== undefined),
    "accept-encoding": "gzip",
  };
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  const send = (retried: boolean): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const request = http.request(new URL(path, appUrl), { method, headers, agent: browser.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          const text = (response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
          resolve({ status: response.statusCode ?? 0, body: answerBody(text) });
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
