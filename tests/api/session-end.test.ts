import { randomUUID } from "node:crypto";
import { createServerClient } from "@supabase/ssr";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { signIn, stack, type ApiCaller } from "./stack.ts";

/**
 * Routes verify access tokens locally, and a token stays valid for an hour after its session
 * ends. These check that a copy of the cookies of an ended session is refused within the bound
 * the app promises (lib/auth/session-liveness.ts rechecks a session at most every 10 s).
 */
const refusedWithinMs = 30_000;

async function madeUser(): Promise<{ email: string; password: string; id: string }> {
  const email = `ended-${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const made = await fetch(stack().userFactoryUrl, { method: "POST", body: JSON.stringify({ email, password }) });
  if (!made.ok) throw new Error(`could not make a test user: ${await made.text()}`);
  return { email, password, id: ((await made.json()) as { id: string }).id };
}

/** What the copied cookie still gets: the list, a create, a stop, and the dashboard page. */
async function whatTheCopyGets(copy: ApiCaller) {
  const list = await copy.request("GET", "/api/sandbox");
  const create = await copy.request("POST", "/api/sandbox", { ttl_seconds: 60 });
  const stop = await copy.request("PATCH", `/api/sandbox/${randomUUID()}`, { action: "stop" });
  const page = await fetch(`${stack().appUrl}/dashboard/sandbox`, { headers: { cookie: copy.cookie }, redirect: "manual" });
  // Until it is refused, the session still works; at no point does it get a server error.
  for (const status of [list.status, create.status, stop.status, page.status]) expect(status).toBeLessThan(500);
  return { list: list.status, create: create.status, stop: stop.status, page: page.status, pageTo: page.headers.get("location") ?? "" };
}

/** Polls until every route refuses the copy, or the bound has passed; answers the last result. */
async function untilRefused(copy: ApiCaller) {
  const deadline = Date.now() + refusedWithinMs;
  for (;;) {
    const got = await whatTheCopyGets(copy);
    const refused = got.list === 401 && got.create === 401 && got.stop === 401 && got.page === 307 && got.pageTo.startsWith("/login");
    if (refused || Date.now() > deadline) return got;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const refusedEverywhere = { list: 401, create: 401, stop: 401, page: 307, pageTo: expect.stringMatching(/^\/login/) };

/** Signs out through supabase-js with the given scope, as the session in `caller`'s cookies. */
async function signOutWithScope(caller: ApiCaller, scope: "local" | "global") {
  const jar = new Map(caller.cookie.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
  const auth = createServerClient(stack().supabaseUrl, stack().publishableKey, {
    realtime: { transport: WebSocket as never },
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: () => {},
    },
  });
  const { error } = await auth.auth.signOut({ scope });
  if (error) throw error;
}

// Concurrent: each waits out the recheck interval with its own user.
describe.concurrent("a session that has ended is refused, though its access token has not expired", () => {
  it("sign-out: a copy of the old cookie gets 401 from the API and /login from the page", async () => {
    const user = await madeUser();
    const caller = await signIn(user.email, user.password);
    // Used once while signed in, so the server has the session remembered as alive.
    expect((await whatTheCopyGets(caller)).list).toBe(200);

    const signOut = await fetch(`${stack().appUrl}/auth/signout`, {
      method: "POST",
      headers: { cookie: caller.cookie, origin: stack().appUrl },
      redirect: "manual",
    });
    expect(signOut.status).toBe(303);

    expect(await untilRefused(caller)).toEqual(refusedEverywhere);
  });

  it("sign-out everywhere: another device's session is refused too", async () => {
    const user = await madeUser();
    const [laptop, phone] = [await signIn(user.email, user.password), await signIn(user.email, user.password)];
    expect((await whatTheCopyGets(phone)).list).toBe(200);
    await signOutWithScope(laptop, "global");
    expect(await untilRefused(phone)).toEqual(refusedEverywhere);
  });

  it("a local sign-out ends that session only: the user's other session keeps working", async () => {
    const user = await madeUser();
    const [laptop, phone] = [await signIn(user.email, user.password), await signIn(user.email, user.password)];
    await signOutWithScope(laptop, "local");
    expect(await untilRefused(laptop)).toEqual(refusedEverywhere);
    expect((await whatTheCopyGets(phone)).list).toBe(200);
  });

  it("a deleted user: their cookie is refused", async () => {
    const user = await madeUser();
    const caller = await signIn(user.email, user.password);
    expect((await whatTheCopyGets(caller)).list).toBe(200);
    const deleted = await fetch(stack().userFactoryUrl, { method: "DELETE", body: JSON.stringify({ id: user.id }) });
    expect(deleted.status).toBe(204);
    expect(await untilRefused(caller)).toEqual(refusedEverywhere);
  });
});
