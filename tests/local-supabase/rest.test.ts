import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import type { SupabaseClient } from "@supabase/supabase-js";
import { startTestSupabase, demoUsers, type TestSupabase } from "../helpers/local-supabase.ts";
import { backendName } from "../helpers/database.ts";

let stack: TestSupabase;
let alice: SupabaseClient;
let bob: SupabaseClient;
let counter = 0;
const nextSandboxId = () => `sbx-${(0xdef000000000 + ++counter).toString(16)}`;

beforeAll(async () => {
  stack = await startTestSupabase();
  [alice, bob] = await Promise.all([stack.signedIn("alice"), stack.signedIn("bob")]);
});
afterAll(async () => {
  await stack?.stop();
});

async function tokenSignedWith(secret: string, claims: Record<string, unknown>, expiresAt: number) {
  return new SignJWT({ role: "authenticated", aud: "authenticated", ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(demoUsers.alice.id)
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

function restGet(path: string, headers: Record<string, string>) {
  return fetch(`${stack.url}/rest/v1/${path}`, { headers });
}

describe(`local Supabase REST with supabase-js (${backendName})`, () => {
  it("sets each request's role and claims in one statement, as PostgREST does (local-stack/supabase/batched-request-settings.ts)", async () => {
    // A @supabase/lite upgrade that renames what is patched fails here rather than silently
    // bringing back a round trip per setting.
    const connection = stack.db.connection as object;
    expect(Object.hasOwn(connection, "applyJwtSessionContext")).toBe(true);
    expect(Object.hasOwn(connection, "applyRpcRequestGucs")).toBe(true);
    // What the settings decide still holds: the role (RLS: alice sees only her rows) and the claims.
    const { data, error } = await alice.from("sandbox_instances").select("user_id");
    expect(error).toBeNull();
    expect(new Set(data!.map((row) => row.user_id))).toEqual(new Set([demoUsers.alice.id]));
  });

  it("selects the named columns only, with filters, order, range and an exact count", async () => {
    const { data, error, count } = await alice
      .from("sandbox_instances")
      .select("sandbox_id, status, created_at", { count: "exact" })
      .in("status", ["stopped", "failed", "expired"])
      .neq("status", "expired")
      .order("created_at", { ascending: false })
      .range(0, 0);
    expect(error).toBeNull();
    expect(count).toBe(2);
    expect(data).toHaveLength(1);
    expect(Object.keys(data![0]!).sort()).toEqual(["created_at", "sandbox_id", "status"]);
    expect(data![0]!.status).toBe("failed");

    const second = await alice
      .from("sandbox_instances")
      .select("status")
      .in("status", ["stopped", "failed"])
      .order("created_at", { ascending: false })
      .range(1, 1);
    expect(second.data).toEqual([{ status: "stopped" }]);
  });

  it("answers single() with one object and maybeSingle() with null for no row", async () => {
    const one = await alice.from("sandbox_instances").select("sandbox_id").eq("sandbox_id", "sbx-a11ce0000001").single();
    expect(one.data).toEqual({ sandbox_id: "sbx-a11ce0000001" });
    const none = await alice.from("sandbox_instances").select("id").eq("sandbox_id", "sbx-missing00000").maybeSingle();
    expect(none.error).toBeNull();
    expect(none.data).toBeNull();
    const notOne = await alice.from("sandbox_instances").select("id").eq("sandbox_id", "sbx-missing00000").single();
    expect(notOne.error?.code).toBe("PGRST116");
  });

  it("inserts, updates, upserts and deletes with the rows returned (service role)", async () => {
    const service = stack.serviceClient();
    const sandboxId = nextSandboxId();
    const inserted = await service
      .from("sandbox_instances")
      .insert({ user_id: demoUsers.alice.id, sandbox_id: sandboxId, ttl_seconds: 900 })
      .select()
      .single();
    expect(inserted.error).toBeNull();
    expect(inserted.data).toMatchObject({ sandbox_id: sandboxId, status: "creating", ttl_seconds: 900 });

    const updated = await service
      .from("sandbox_instances")
      .update({ status: "ready" })
      .eq("id", inserted.data!.id)
      .select("status, expires_at")
      .single();
    expect(updated.data?.status).toBe("ready");
    expect(updated.data?.expires_at).not.toBeNull();

    const upserted = await service
      .from("sandbox_instances")
      .upsert({ user_id: demoUsers.alice.id, sandbox_id: sandboxId, status: "running" }, { onConflict: "sandbox_id" })
      .select("id, status");
    expect(upserted.error).toBeNull();
    expect(upserted.data).toEqual([{ id: inserted.data!.id, status: "running" }]);
    const { count } = await alice.from("sandbox_instances").select("id", { count: "exact", head: true }).eq("sandbox_id", sandboxId);
    expect(count).toBe(1);

    const deleted = await service.from("sandbox_instances").delete().eq("id", inserted.data!.id).select("id");
    expect(deleted.data).toEqual([{ id: inserted.data!.id }]);
  });

  it("refuses a signed-in user's direct writes, even to their own rows", async () => {
    const { data: mine } = await alice.from("sandbox_instances").select("id, status, expires_at").limit(1).single();
    const update = await alice
      .from("sandbox_instances")
      .update({ status: "running", expires_at: "2099-01-01T00:00:00Z" })
      .eq("id", mine!.id)
      .select();
    expect(update.error?.code).toBe("42501");
    const insert = await alice
      .from("sandbox_instances")
      .insert({ user_id: demoUsers.alice.id, sandbox_id: nextSandboxId(), status: "running" });
    expect(insert.error?.code).toBe("42501");
    const remove = await alice.from("sandbox_instances").delete().eq("id", mine!.id);
    expect(remove.error?.code).toBe("42501");
    const { data: after } = await alice.from("sandbox_instances").select("id, status, expires_at").eq("id", mine!.id);
    expect(after).toEqual([mine]);
  });

  it("shows nothing of another user's row, and changes nothing in it", async () => {
    const { data: bobs } = await bob.from("sandbox_instances").select("id, status").limit(1).single();
    const read = await alice.from("sandbox_instances").select("*").eq("id", bobs!.id);
    expect(read.error).toBeNull();
    expect(read.data).toEqual([]);
    const insertForBob = await alice.from("sandbox_instances").insert({ user_id: demoUsers.bob.id, sandbox_id: nextSandboxId() });
    expect(insertForBob.error?.code).toBe("42501");
    const { data: still } = await bob.from("sandbox_instances").select("status").eq("id", bobs!.id).single();
    expect(still?.status).toBe(bobs!.status);
  });

  it("shows the publishable key alone no rows", async () => {
    const { data, error } = await stack.anonClient().from("sandbox_instances").select("*");
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });

  it("refuses a request without any credentials, as real Supabase does", async () => {
    const response = await restGet("sandbox_instances?select=*", {});
    expect(response.status).toBe(401);
  });

  it("refuses a bearer token that is not a JWT signed with the project's key, as PostgREST does (401 PGRST301)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = (claims: Record<string, unknown>) =>
      [
        { alg: "none", typ: "JWT" },
        { aud: "authenticated", exp: now + 600, ...claims },
      ]
        .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
        .join(".") + ".";
    const tokens = {
      garbage: "garbage",
      "two parts": "abc.def",
      "three parts": "abc.def.ghi",
      "alg none as service_role": unsigned({ role: "service_role" }),
      "alg none as alice": unsigned({ role: "authenticated", sub: demoUsers.alice.id }),
      "a foreign API key": "sb_publishable_not-this-projects-key",
    };
    for (const [what, token] of Object.entries(tokens)) {
      const response = await restGet("sandbox_instances?select=*", { apikey: stack.keys.publishableKey, authorization: `Bearer ${token}` });
      expect(response.status, what).toBe(401);
      expect(await response.json(), what).toMatchObject({ code: "PGRST301", message: expect.any(String) });
      // GoTrue refuses them too.
      const user = await fetch(`${stack.url}/auth/v1/user`, {
        headers: { apikey: stack.keys.publishableKey, authorization: `Bearer ${token}` },
      });
      expect([401, 403], what).toContain(user.status);
    }
    // What supabase-js sends without a session, and with the secret key, still works.
    for (const key of [stack.keys.publishableKey, stack.keys.secretKey]) {
      const response = await restGet("sandbox_instances?select=sandbox_id", { apikey: key, authorization: `Bearer ${key}` });
      expect(response.status).toBe(200);
    }
    expect((await restGet("sandbox_instances?select=sandbox_id", { apikey: stack.keys.publishableKey })).status).toBe(200);
    const anon = await stack.anonClient().from("sandbox_instances").select("id");
    expect(anon.error).toBeNull();
  });

  it("refuses a forged or expired access token with 401", async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await tokenSignedWith("not-the-project-secret-at-all-0123456789", {}, now + 600);
    const expired = await tokenSignedWith(stack.keys.jwtSecret, {}, now - 60);
    for (const token of [forged, expired]) {
      const response = await restGet("sandbox_instances?select=*", {
        apikey: stack.keys.publishableKey,
        authorization: `Bearer ${token}`,
      });
      expect(response.status).toBe(401);
    }
    const valid = await tokenSignedWith(stack.keys.jwtSecret, {}, now + 600);
    const ok = await restGet("sandbox_instances?select=user_id", {
      apikey: stack.keys.publishableKey,
      authorization: `Bearer ${valid}`,
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBeGreaterThan(0);
  });
});
