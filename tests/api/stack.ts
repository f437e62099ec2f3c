import { randomUUID } from "node:crypto";
import { createServerClient } from "@supabase/ssr";
import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { inject } from "vitest";
import type { Database } from "../../types/supabase.ts";
import { demoUsers } from "../../local-stack/demo-users.ts";

export const apiStackSettings = {
  orchestratorApiKey: "api-test-orchestrator-key-7f3c9a1e5b",
  orchestratorTimeoutMs: 2_000,
  activeLimit: 3,
  execRateLimit: 20,
  execRateWindowSeconds: 10,
} as const;

export interface ApiStack {
  appUrl: string;
  logFile: string;
  supabaseUrl: string;
  publishableKey: string;
  secretKey: string;
  orchestratorUrl: string;
  /** How the orchestrator runs commands (ORCHESTRATOR_ISOLATION picks it), and where sandbox files live. */
  orchestratorIsolation: "bwrap" | "none";
  orchestratorDataDir: string;
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
  const jar = new Map<string, string>();
  const auth = createServerClient(stack().supabaseUrl, stack().publishableKey, {
    realtime: { transport: WebSocket as never },
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
  });
  const { data, error } = await auth.auth.signInWithPassword({ email, password });
  if (error) throw error;
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  return {
    id: data.user.id,
    email,
    cookie,
    request: (method, path, body, options) => send(cookie, method, path, body, options),
  };
}

/** A user of their own, so limits and rate limits of one test file do not touch another's. */
export async function newUser(): Promise<ApiCaller> {
  const email = `api-${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const { error } = await anonSupabase().auth.signUp({ email, password });
  if (error) throw error;
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

function anonSupabase() {
  return createClient(stack().supabaseUrl, stack().publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
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
