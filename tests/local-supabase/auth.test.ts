import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerClient } from "@supabase/ssr";
import WebSocket from "ws";
import { startTestSupabase, demoUsers, type TestSupabase } from "../helpers/local-supabase.ts";
import { backendName } from "../helpers/database.ts";

let stack: TestSupabase;
beforeAll(async () => {
  stack = await startTestSupabase();
});
afterAll(async () => {
  await stack?.stop();
});

describe(`local Supabase auth with supabase-js (${backendName})`, () => {
  it("signs in with the right password and returns the user and a session", async () => {
    const { data, error } = await stack.anonClient().auth.signInWithPassword(demoUsers.alice);
    expect(error).toBeNull();
    expect(data.user?.id).toBe(demoUsers.alice.id);
    expect(data.user?.email).toBe(demoUsers.alice.email);
    expect(data.session?.access_token).toMatch(/^ey/);
    expect(data.session?.refresh_token).toBeTruthy();
  });

  it("refuses a wrong password and an unknown user with invalid_credentials", async () => {
    const wrong = await stack.anonClient().auth.signInWithPassword({ email: demoUsers.alice.email, password: "nope-nope" });
    expect(wrong.error).toMatchObject({ status: 400, code: "invalid_credentials" });
    expect(wrong.data.session).toBeNull();
    const unknown = await stack.anonClient().auth.signInWithPassword({ email: "nobody@example.com", password: "whatever-123" });
    expect(unknown.error).toMatchObject({ status: 400, code: "invalid_credentials" });
  });

  it("refuses sign-up, as supabase/config.toml says (the dashboard has no sign-up page)", async () => {
    const config = readFileSync(new URL("../../supabase/config.toml", import.meta.url), "utf8");
    expect(config.match(/^enable_signup = (\w+)$/gm)).toEqual(["enable_signup = false", "enable_signup = false"]);
    const email = `signup-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const { data, error } = await stack.anonClient().auth.signUp({ email, password: "a-long-password-1" });
    expect(error).toMatchObject({ status: 422, code: "signup_disabled" });
    expect(data.user).toBeNull();
    const signIn = await stack.anonClient().auth.signInWithPassword({ email, password: "a-long-password-1" });
    expect(signIn.error).toMatchObject({ code: "invalid_credentials" });
  });

  it("returns the current user and the token's claims", async () => {
    const client = await stack.signedIn("bob");
    const { data: user } = await client.auth.getUser();
    expect(user.user?.email).toBe(demoUsers.bob.email);
    const { data: claims, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    expect(claims?.claims).toMatchObject({ sub: demoUsers.bob.id, role: "authenticated", email: demoUsers.bob.email });
  });

  it("refreshes a session into a new access token that works", async () => {
    const client = await stack.signedIn("alice");
    const before = (await client.auth.getSession()).data.session!;
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session?.refresh_token).not.toBe(before.refresh_token);
    const { data: rows, error: selectError } = await client.from("sandbox_instances").select("user_id");
    expect(selectError).toBeNull();
    expect(rows!.length).toBeGreaterThan(0);
  });

  it("signs out: the session is gone and its refresh token no longer works", async () => {
    const client = await stack.signedIn("alice");
    const { refresh_token } = (await client.auth.getSession()).data.session!;
    expect((await client.auth.signOut()).error).toBeNull();
    expect((await client.auth.getSession()).data.session).toBeNull();
    const reuse = await stack.anonClient().auth.refreshSession({ refresh_token });
    expect(reuse.error).not.toBeNull();
    expect(reuse.data.session).toBeNull();
  });
});

describe(`@supabase/ssr cookie round trip against the local Supabase (${backendName})`, () => {
  function cookieJar() {
    const jar = new Map<string, string>();
    return {
      jar,
      client: () =>
        createServerClient(stack.url, stack.keys.publishableKey, {
          realtime: { transport: WebSocket as never },
          cookies: {
            getAll: () => [...jar].map(([name, value]) => ({ name, value })),
            setAll: (cookies) => {
              for (const { name, value, options } of cookies) {
                if (!value || options?.maxAge === 0) jar.delete(name);
                else jar.set(name, value);
              }
            },
          },
        }),
    };
  }

  it("keeps the session in cookies that a later request's client reads back", async () => {
    const { jar, client } = cookieJar();
    const signIn = await client().auth.signInWithPassword(demoUsers.bob);
    expect(signIn.error).toBeNull();
    expect([...jar.keys()].some((name) => name.startsWith("sb-") && name.includes("auth-token"))).toBe(true);

    const nextRequest = client();
    const { data } = await nextRequest.auth.getClaims();
    expect(data?.claims.sub).toBe(demoUsers.bob.id);
    const { data: rows } = await nextRequest.from("sandbox_instances").select("user_id");
    expect(rows!.length).toBeGreaterThan(0);
    expect(rows!.every((r) => r.user_id === demoUsers.bob.id)).toBe(true);

    await nextRequest.auth.signOut();
    expect([...jar.keys()].some((name) => name.includes("auth-token"))).toBe(false);
    expect((await client().auth.getClaims()).data).toBeNull();
  });
});
