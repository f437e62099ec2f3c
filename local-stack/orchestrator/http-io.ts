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

// Python's json module gives up (RecursionError) at about this depth.
const maxJsonDepth = 1000;

function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const unparsable = () => new HttpError(400, "There was an error parsing the body");

/**
 * The body as FastAPI hands it to validation: parsed JSON when the Content-Type is JSON (or absent),
 * the raw text otherwise (which then fails as "not an object"), undefined when empty. A decode
 * error answers like FastAPI's json_invalid; bytes that are not UTF-8, or nesting Python's json
 * module cannot follow, answer its 400.
 */
export function parseJsonBody(raw: Buffer, contentType?: string): unknown {
  if (raw.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw unparsable();
  }
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType && mediaType !== "application/json" && !/^application\/[^/]*\+json$/.test(mediaType)) return text;
  if (text.trim() === "") return undefined;
  if (nestingDepth(text) > maxJsonDepth) throw unparsable();
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
