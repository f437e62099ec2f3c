import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { inject } from "vitest";
import type { Database } from "../../types/supabase.ts";
import { demoUsers } from "../../local-stack/demo-users.ts";
import { cookieSignIn } from "../helpers/cookie-sign-in.ts";

export const apiStackSettings = {
  orchestratorApiKey: "api-test-orchestrator-key-7f3c9a1e5b",
  orchestratorTimeoutMs: 2_000,
  activeLimit: 3,
  execRateLimit: 20,
  // Long enough that the limit test's 21 calls fit in one window on a loaded machine; each test has its own user.
  execRateWindowSeconds: 60,
  cronSecret: "api-test-cron-secret-0b7d4e9a2c6f81d35e",
} as const;

export interface ApiStack {
  appUrl: string;
  logFile: string;
  supabaseUrl: string;
  publishableKey: string;
  secretKey: string;
  /** The local Supabase's JWT secret: for the secrets scan, which looks for it everywhere it must not be. */
  jwtSecret: string;
  orchestratorUrl: string;
  /** POST {email, password}: a confirmed user (sign-up is off). */
  userFactoryUrl: string;
  /** How the orchestrator runs commands (ORCHESTRATOR_ISOLATION picks it), and where sandbox files live. */
  orchestratorIsolation: "bwrap" | "none";
  orchestratorDataDir: string;
  /** POST /kill: SIGKILL the orchestrator's process; POST /start: start it again (same port and data), resolved once it answers. */
  orchestratorControlUrl: string;
}

export const stack = (): ApiStack => inject("apiStack");

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  /** Extra or overriding headers; `origin: null` drops the same-origin header. */
  headers?: Record<string, string | null>;
  /** A raw body instead of JSON. */
  raw?: string;
  signal?: AbortSignal;
}

/** An HTTP caller of the app, as a browser of the app would be: session cookies and its own Origin. */
export interface ApiCaller {
  id: string | null;
  email: string | null;
  /** The session cookies, as a browser would send them. */
  cookie: string;
  request<T = any>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<ApiAnswer<T>>;
}

export function anonymousCaller(): ApiCaller {
  return { id: null, email: null, cookie: "", request: (method, path, body, options) => send("", method, path, body, options) };
}

export async function signIn(email: string, password: string): Promise<ApiCaller> {
  const { user, cookie } = await cookieSignIn(stack().supabaseUrl, stack().publishableKey, email, password);
  return {
    id: user.id,
    email,
    cookie,
    request: (method, path, body, options) => send(cookie, method, path, body, options),
  };
}

/** A user of their own, so limits and rate limits of one test file do not touch another's. */
export async function newUser(): Promise<ApiCaller> {
  const email = `api-${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const made = await fetch(stack().userFactoryUrl, { method: "POST", body: JSON.stringify({ email, password }) });
  if (!made.ok) throw new Error(`could not make a test user: ${await made.text()}`);
  return signIn(email, password);
}

export const alice = () => signIn(demoUsers.alice.email, demoUsers.alice.password);
export const bob = () => signIn(demoUsers.bob.email, demoUsers.bob.password);

async function send(cookie: string, method: string, path: string, body?: unknown, options: RequestOptions = {}) {
  const headers: Record<string, string> = { origin: stack().appUrl };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined || options.raw !== undefined) headers["content-type"] = "application/json";
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const response = await fetch(stack().appUrl + path, {
    method,
    headers,
    body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    signal: options.signal,
    redirect: "manual",
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // left as text: a test asserting JSON will say so
  }
  return { status: response.status, body: parsed as any, headers: response.headers };
}

/** Reads the registry with the service role, to see what really changed. */
export function serviceDb() {
  return createClient<Database>(stack().supabaseUrl, stack().secretKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
}

export async function rowById(id: string) {
  const { data } = await serviceDb().from("sandbox_instances").select("*").eq("id", id).maybeSingle();
  return data;
}

export async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${stack().orchestratorUrl}/__faults`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-API-Key": apiStackSettings.orchestratorApiKey },
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`setting faults failed: ${response.status} ${await response.text()}`);
}

export const resetFaults = () => setFaults({ reset: true });

async function controlOrchestrator(action: "kill" | "start"): Promise<void> {
  const response = await fetch(`${stack().orchestratorControlUrl}/${action}`, { method: "POST" });
  if (!response.ok) throw new Error(`orchestrator ${action} failed: ${await response.text()}`);
}

/** SIGKILL of the orchestrator's process: whatever it was doing stops there, with no last save. */
export const killOrchestrator = () => controlOrchestrator("kill");
/** Starts it again on the same port and data dir (it reconciles what the killed run left first). */
export const startOrchestrator = () => controlOrchestrator("start");

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request written by hand on a socket: targets and methods fetch() would refuse or rewrite. */
export function rawRequest(method: string, target: string, headers: Record<string, string> = {}, body = ""): Promise<RawAnswer> {
  const app = new URL(stack().appUrl);
  const all = { host: app.host, ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}), connection: "close" };
  const lines = [`${method} ${target} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(app.port), app.hostname, () => socket.write(`${lines.join("\r\n")}\r\n\r\n${body}`));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...headerLines] = head.split("\r\n");
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const at = line.indexOf(":");
        parsed[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      let body = rest.join("\r\n\r\n");
      if (parsed["transfer-encoding"] === "chunked") body = unchunk(body);
      resolve({ status: Number(statusLine.split(" ")[1]), headers: parsed, body: Buffer.from(body, "latin1").toString("utf8") });
    });
  });
}

function unchunk(body: string): string {
  let out = "";
  let rest = body;
  for (;;) {
    const end = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, end), 16);
    if (!size) return out;
    out += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}

/**
 * The app server's log once `ready(log)` holds (or as it is after 10 s): its output reaches the
 * file through a pipe, so a line can land a moment after the answer it belongs to.
 */
export async function serverLog(ready: (log: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const log = await readFile(stack().logFile, "utf8");
    if (ready(log) || Date.now() > deadline) return log;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
