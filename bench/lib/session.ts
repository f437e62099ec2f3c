import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import type { Database } from "../../types/supabase.ts";
import { cookieSignIn } from "../../tests/helpers/cookie-sign-in.ts";

export interface Urls {
  appUrl: string;
  supabaseUrl: string;
  orchestratorUrl: string;
}

export interface SignedIn {
  userId: string;
  accessToken: string;
  /** The session cookies as @supabase/ssr stores them, as a browser sends them. */
  cookie: string;
  /** supabase-js acting as this user (RLS applies). */
  client: SupabaseClient<Database>;
}

/** Signs in as the login page does (@supabase/ssr cookies), and gives a supabase-js client acting as the user. */
export async function signIn(urls: Urls, publishableKey: string, email: string, password: string): Promise<SignedIn> {
  const { user, session, cookie } = await cookieSignIn(urls.supabaseUrl, publishableKey, email, password);
  const client = createClient<Database>(urls.supabaseUrl, publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { Authorization: `Bearer ${session.access_token}` } },
    realtime: { transport: WebSocket as never },
  });
  await client.realtime.setAuth(session.access_token);
  return { userId: user.id, accessToken: session.access_token, cookie, client };
}

export function serviceClient(supabaseUrl: string, secretKey: string): SupabaseClient<Database> {
  return createClient<Database>(supabaseUrl, secretKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
}

export interface Answer {
  status: number;
  body: unknown;
}

/** The headers of the dashboard's own pages: session cookie, Origin on writes, JSON bodies. */
export function appRequestHeaders(appUrl: string, cookie: string, method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { cookie };
  if (method !== "GET") {
    headers.origin = appUrl;
    headers["sec-fetch-site"] = "same-origin";
  }
  if (hasBody) headers["content-type"] = "application/json";
  return headers;
}

/** A request to the app as the dashboard's own pages make it: session cookie, and Origin on writes. */
export async function appRequest(appUrl: string, user: SignedIn, method: string, path: string, body?: unknown): Promise<Answer> {
  const headers = appRequestHeaders(appUrl, user.cookie, method, body !== undefined);
  const response = await fetch(appUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
  return { status: response.status, body: await readBody(response) };
}

/** A request straight to the orchestrator with its API key, as the route handlers make it. */
export async function orchestratorRequest(
  orchestratorUrl: string,
  apiKey: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = { "X-API-Key": apiKey };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(orchestratorUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await readBody(response) };
}

async function readBody(response: Response): Promise<unknown> {
  return answerBody(await response.text());
}

/** An answer's body: its JSON, or the text itself when it is not JSON. */
export function answerBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

export function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status)
    throw new Error(`${what}: expected HTTP ${status}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
}
