import { createServer, type Server } from "node:http";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient } from "@supabase/supabase-js";
import { verifiedClaims } from "@/lib/auth/verified-claims";

// A real supabase-js auth client verifying ES256 tokens against a JWKS served on loopback,
// as it verifies Supabase's: what is counted is how often it is asked to verify.
const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const other = generateKeyPairSync("ec", { namedCurve: "P-256" });
const kid = "test-key";
let jwks: Server;
let url: string;

beforeAll(async () => {
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "ES256", use: "sig" };
  jwks = createServer((request, response) => {
    response.setHeader("Content-Type", "application/json");
    response.end(request.url === "/auth/v1/.well-known/jwks.json" ? JSON.stringify({ keys: [jwk] }) : "{}");
  });
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

function token(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
  const signed = `${base64url(JSON.stringify({ alg: "ES256", typ: "JWT", kid }))}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${base64url(sign("sha256", Buffer.from(signed), { key, dsaEncoding: "ieee-p1363" }))}`;
}

/** An auth client whose stored session holds the token, as a request's cookies would. */
function authWith(accessToken: string, expiresAt: number) {
  const session = {
    access_token: accessToken,
    refresh_token: "r",
    token_type: "bearer",
    expires_at: expiresAt,
    expires_in: 3600,
    user: { id: "u" },
  };
  const client = createClient(url, "sb_publishable_test", {
    auth: {
      autoRefreshToken: false,
      persistSession: true,
      storageKey: "test",
      storage: { getItem: () => JSON.stringify(session), setItem: () => {}, removeItem: () => {} },
    },
    realtime: { transport: class {} as never },
  });
  return { auth: client.auth, verifications: vi.spyOn(client.auth, "getClaims") };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("verifiedClaims", () => {
  it("verifies a token once, then answers the same token from memory", async () => {
    const exp = nowSeconds() + 3600;
    const { auth, verifications } = authWith(token({ sub: "alice", session_id: "s1", exp }), exp);
    for (let i = 0; i < 3; i++) expect((await verifiedClaims(auth)).claims?.sub).toBe("alice");
    expect(verifications).toHaveBeenCalledTimes(1);
  });

  it("never keeps a refusal: a token signed by another key is refused every time", async () => {
    const exp = nowSeconds() + 3600;
    const { auth, verifications } = authWith(token({ sub: "mallory", exp }, other.privateKey), exp);
    for (let i = 0; i < 2; i++) {
      const { claims, error } = await verifiedClaims(auth);
      expect(claims).toBeNull();
      expect(String(error)).toMatch(/signature/i);
    }
    expect(verifications).toHaveBeenCalledTimes(2);
  });

  it("a token altered after signing is another string: verified, and refused", async () => {
    const exp = nowSeconds() + 3600;
    const genuine = token({ sub: "bob", exp });
    await verifiedClaims(authWith(genuine, exp).auth);
    const [header, , signature] = genuine.split(".");
    const forged = `${header}.${base64url(JSON.stringify({ sub: "alice", exp }))}.${signature}`;
    expect((await verifiedClaims(authWith(forged, exp).auth)).claims).toBeNull();
  });

  it("verifies again after a minute, and never trusts a token past its exp", async () => {
    const exp = nowSeconds() + 3600;
    const { auth, verifications } = authWith(token({ sub: "carol", exp }), exp);
    const start = Date.now();
    await verifiedClaims(auth, start);
    await verifiedClaims(auth, start + 59_000);
    expect(verifications).toHaveBeenCalledTimes(1);
    await verifiedClaims(auth, start + 60_001);
    expect(verifications).toHaveBeenCalledTimes(2);

    const shortExp = nowSeconds() + 20;
    const short = authWith(token({ sub: "dave", exp: shortExp }), shortExp);
    await verifiedClaims(short.auth, start);
    await verifiedClaims(short.auth, shortExp * 1000 + 1);
    expect(short.verifications).toHaveBeenCalledTimes(2);
  });

  it("answers no claims, and verifies nothing, without a session", async () => {
    const client = createClient(url, "sb_publishable_test", {
      auth: {
        autoRefreshToken: false,
        persistSession: true,
        storageKey: "none",
        storage: { getItem: () => null, setItem: () => {}, removeItem: () => {} },
      },
      realtime: { transport: class {} as never },
    });
    const verifications = vi.spyOn(client.auth, "getClaims");
    expect(await verifiedClaims(client.auth)).toEqual({ claims: null, error: null });
    expect(verifications).not.toHaveBeenCalled();
  });
});
