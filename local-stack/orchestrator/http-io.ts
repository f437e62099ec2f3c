import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./errors.ts";

const maxBodyBytes = 10 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new HttpError(413, "Request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** JSON body, or undefined when empty; a decode error answers like FastAPI's json_invalid. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    const pythonMessage = /property name/.test(message) ? "Expecting property name enclosed in double quotes" : "Expecting value";
    throw new HttpError(422, [
      { type: "json_invalid", loc: ["body", position], msg: "JSON decode error", input: {}, ctx: { error: pythonMessage } },
    ]);
  }
}

export interface SendOptions {
  /** Cut the JSON body short (fault injection). */
  malformed?: boolean;
  headers?: Record<string, string>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, options: SendOptions = {}) {
  if (response.destroyed || response.headersSent) return;
  if (status === 204) {
    response.writeHead(204, options.headers).end();
    return;
  }
  let text = JSON.stringify(body);
  if (options.malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...options.headers,
  });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, text: string) {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}
