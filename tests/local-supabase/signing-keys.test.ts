import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@supabase/supabase-js";
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";
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

/** A signed-in client whose requests are recorded by path. */
async function recordedClient() {
  const paths: string[] = [];
  const client = createClient(stack.url, stack.keys.publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    global: {
      fetch: (input, init) => {
        paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
        return fetch(input, init);
      },
    },
  });
  const { data, error } = await client.auth.signInWithPassword(demoUsers.alice);
  if (error) throw error;
  return { client, paths, accessToken: data.session.access_token };
}

async function restWith(token: string) {
  return fetch(`${stack.url}/rest/v1/sandbox_instances?select=user_id`, {
    headers: { apikey: stack.keys.publishableKey, authorization: `Bearer ${token}` },
  });
}

describe(`local Supabase signs access tokens with an asymmetric key (${backendName})`, () => {
  it("hands out ES256 tokens whose public key is in the published JWKS, without its private part", async () => {
    const { accessToken } = await recordedClient();
    const header = decodeProtectedHeader(accessToken);
    expect(header.alg).toBe("ES256");
    const jwks = (await (await fetch(`${stack.url}/auth/v1/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([header.kid]);
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });

  it("lets supabase-js verify a session locally: getClaims does not ask /auth/v1/user", async () => {
    const { client, paths } = await recordedClient();
    paths.length = 0;
    for (let i = 0; i < 3; i++) {
      const { data, error } = await client.auth.getClaims();
      expect(error).toBeNull();
      expect(data?.claims.sub).toBe(demoUsers.alice.id);
    }
    expect(paths.filter((path) => path === "/auth/v1/user")).toEqual([]);
  });

  it("serves REST and /auth/v1/user with the ES256 token, RLS as the user", async () => {
    const { client, accessToken } = await recordedClient();
    const { data: rows, error } = await client.from("sandbox_instances").select("user_id");
    expect(error).toBeNull();
    expect(rows!.length).toBeGreaterThan(0);
    expect(new Set(rows!.map((row) => row.user_id))).toEqual(new Set([demoUsers.alice.id]));
    const user = await fetch(`${stack.url}/auth/v1/user`, {
      headers: { apikey: stack.keys.publishableKey, authorization: `Bearer ${accessToken}` },
    });
    expect(user.status).toBe(200);
  });

  it("refuses a token signed with another ES256 key under the same key id, and an expired one", async () => {
    const { accessToken } = await recordedClient();
    const { kid } = decodeProtectedHeader(accessToken);
    const claims = decodeJwt(accessToken);
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    expect(await exportJWK(privateKey)).toHaveProperty("d");
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid, typ: "JWT" }).sign(privateKey);
    expect((await restWith(forged)).status).toBe(401);

    const anon = stack.anonClient();
    const { data, error } = await anon.auth.getClaims(forged);
    expect(data).toBeNull();
    expect(error).not.toBeNull();

    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...claims, iat: now - 120, exp: now - 60 })
      .setProtectedHeader({ alg: "ES256", kid, typ: "JWT" })
      .sign(await importJWK(stack.keys.signingKey, "ES256"));
    expect((await restWith(expired)).status).toBe(401);
    const ok = await new SignJWT({ ...claims, iat: now, exp: now + 60 })
      .setProtectedHeader({ alg: "ES256", kid, typ: "JWT" })
      .sign(await importJWK(stack.keys.signingKey, "ES256"));
    expect((await restWith(ok)).status).toBe(200);
  });
});
