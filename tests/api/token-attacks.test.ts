import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { newUser, stack, type ApiCaller } from "./stack.ts";

/**
 * Forged, tampered and malformed sessions: each is refused by the API (401 in the error shape),
 * sent to /login by the pages, and refused by Supabase's REST (the local stack's, which does
 * what PostgREST does). None gets a 500.
 */
let user: ApiCaller;
let session: Record<string, unknown>;
let cookieName: string;

beforeAll(async () => {
  user = await newUser();
  const pair = user.cookie.split("; ").find((p) => /^sb-.*-auth-token=/.test(p))!;
  cookieName = pair.slice(0, pair.indexOf("="));
  session = JSON.parse(Buffer.from(pair.slice(pair.indexOf("=") + 1 + "base64-".length), "base64url").toString("utf8"));
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const partsOf = (token: string) => token.split(".");
const claimsOf = (token: string) => JSON.parse(Buffer.from(partsOf(token)[1]!, "base64url").toString("utf8")) as Record<string, unknown>;

/** A session cookie carrying `accessToken`, still "fresh" so supabase-js does not refresh it, with a refresh token that cannot rescue it. */
const cookieWith = (accessToken: string) =>
  `${cookieName}=base64-${b64({ ...session, access_token: accessToken, refresh_token: "not-a-refresh-token", expires_at: Math.floor(Date.now() / 1000) + 3000 })}`;

async function forgedTokens(): Promise<Record<string, string>> {
  const real = session.access_token as string;
  const [header, payload, signature] = partsOf(real) as [string, string, string];
  const claims = claimsOf(real);
  const foreign = await generateKeyPair("ES256");
  const foreignKid = (await exportJWK(foreign.publicKey)).kid ?? JSON.parse(Buffer.from(header, "base64url").toString()).kid;
  const signedByAnotherProject = await new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: foreignKid, typ: "JWT" })
    .sign(foreign.privateKey);
  const now = Math.floor(Date.now() / 1000);
  return {
    "wrong signature": `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`,
    "a changed sub with the old signature": `${header}.${b64({ ...claims, sub: "00000000-0000-0000-0000-000000000000" })}.${signature}`,
    "alg none": `${b64({ alg: "none", typ: "JWT" })}.${payload}.`,
    "alg none, no signature part": `${b64({ alg: "none", typ: "JWT" })}.${payload}`,
    "HS256 signed with the publishable key": await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(stack().publishableKey)),
    "another project's key, same kid": signedByAnotherProject,
    "another project's key, expired": await new SignJWT({ ...claims, exp: now - 60, iat: now - 3660 })
      .setProtectedHeader({ alg: "ES256", typ: "JWT" })
      .sign(foreign.privateKey),
    "the secret key as a session": stack().secretKey,
    "the publishable key as a session": stack().publishableKey,
    "not a JWT": "garbage",
    empty: "",
  };
}

const malformedCookies = [
  `${"sb-x-auth-token"}=base64-%%%`,
  "COOKIE_NAME=base64-!!!!",
  "COOKIE_NAME=base64-",
  "COOKIE_NAME={not json",
  `COOKIE_NAME=base64-${Buffer.from("null").toString("base64url")}`,
  `COOKIE_NAME=base64-${Buffer.from("[]").toString("base64url")}`,
  `COOKIE_NAME=base64-${b64({ access_token: 42, refresh_token: {} })}`,
  `COOKIE_NAME.0=base64-${b64({ access_token: "a" }).slice(0, 5)}; COOKIE_NAME.1=zzz`,
  `COOKIE_NAME=${"a".repeat(3800)}`,
];

async function refusedEverywhere(label: string, cookie: string, bearer?: string) {
  const api = await fetch(`${stack().appUrl}/api/sandbox`, { headers: { cookie } });
  expect(api.status, `${label}: API`).toBe(401);
  expect(((await api.json()) as { error: { code: string } }).error.code, label).toBe("unauthorized");
  const write = await fetch(`${stack().appUrl}/api/sandbox`, {
    method: "POST",
    headers: { cookie, origin: stack().appUrl, "content-type": "application/json" },
    body: "{}",
  });
  expect(write.status, `${label}: create`).toBe(401);
  const page = await fetch(`${stack().appUrl}/dashboard/sandbox`, { headers: { cookie }, redirect: "manual" });
  expect(page.status, `${label}: page`).toBe(307);
  expect(page.headers.get("location") ?? "", label).toMatch(/^\/login/);
  if (bearer !== undefined) {
    const rest = await fetch(`${stack().supabaseUrl}/rest/v1/sandbox_instances?select=id`, {
      headers: { apikey: stack().publishableKey, authorization: `Bearer ${bearer}` },
    });
    // Refused, or (for the publishable key, which is anonymous) an empty answer under RLS.
    if (rest.status === 200) expect(await rest.json(), `${label}: REST`).toEqual([]);
    else expect(rest.status, `${label}: REST`).toBeGreaterThanOrEqual(400);
    expect(rest.status, `${label}: REST`).toBeLessThan(500);
  }
}

describe("forged and tampered sessions", () => {
  it("the real cookie works (so the refusals below are about the forgery)", async () => {
    expect((await fetch(`${stack().appUrl}/api/sandbox`, { headers: { cookie: user.cookie } })).status).toBe(200);
  });

  it("each forged access token is refused by the API, the pages and REST", async () => {
    for (const [label, token] of Object.entries(await forgedTokens())) await refusedEverywhere(label, cookieWith(token), token);
  });

  it("malformed session cookies are refused with 401 (never 500) and the pages send them to /login", async () => {
    for (const cookie of malformedCookies) await refusedEverywhere(cookie.slice(0, 40), cookie.replaceAll("COOKIE_NAME", cookieName));
  });
});
