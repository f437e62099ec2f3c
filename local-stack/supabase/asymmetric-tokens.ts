import { decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { publicJwk, type SigningJwk } from "./signing-key.ts";

/**
 * @supabase/lite signs access tokens with the HS256 JWT secret and publishes an empty JWKS, so
 * supabase-js's getClaims() asks /auth/v1/user on every call. A Supabase project with an
 * asymmetric signing key hands out ES256 tokens and publishes the public key, and getClaims()
 * verifies them locally. This layer makes the local stack behave like the latter: tokens leave
 * the auth endpoints re-signed with the ES256 key, the JWKS is published, and a valid ES256
 * token coming in is handed to lite re-signed with the secret it verifies (anything else is
 * passed on untouched, for lite to refuse).
 */
export async function createAsymmetricTokens(jwtSecret: string, signingKey: SigningJwk) {
  const secret = new TextEncoder().encode(jwtSecret);
  const privateKey = (await importJWK(signingKey, "ES256")) as CryptoKey;
  const publicKey = (await importJWK(publicJwk(signingKey), "ES256")) as CryptoKey;
  const jwks = { keys: [publicJwk(signingKey)] };

  const resign = (payload: JWTPayload, alg: "ES256" | "HS256") =>
    new SignJWT(payload)
      .setProtectedHeader(alg === "ES256" ? { alg, kid: signingKey.kid, typ: "JWT" } : { alg, typ: "JWT" })
      .sign(alg === "ES256" ? privateKey : secret);

  const isEs256 = (token: string) => {
    try {
      const header = decodeProtectedHeader(token);
      return header.alg === "ES256" && header.kid === signingKey.kid;
    } catch {
      return false;
    }
  };

  // A session's token comes with each of its requests for an hour: verified and re-signed once.
  // (Expiry is not part of the answer: lite checks it on the re-signed token every time.)
  const translated = new Map<string, string>();

  return {
    jwks,
    /** A token lite issued (HS256), re-signed with the ES256 key; null if it is not one of lite's. */
    async toAsymmetric(token: string): Promise<string | null> {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });
        return await resign(payload, "ES256");
      } catch {
        return null;
      }
    },
    /** A valid ES256 token of ours, re-signed for lite (HS256); null otherwise. Expiry is checked by lite. */
    async toSymmetric(token: string): Promise<string | null> {
      const known = translated.get(token);
      if (known) return known;
      if (!isEs256(token)) return null;
      try {
        const { payload } = await jwtVerify(token, publicKey, { algorithms: ["ES256"], clockTolerance: Number.MAX_SAFE_INTEGER });
        return remember(translated, token, await resign(payload, "HS256"));
      } catch {
        return null;
      }
    },
    /** Verifies either kind of token (realtime's check); null when invalid or expired. */
    async verify(token: string): Promise<JWTPayload | null> {
      try {
        const { payload } = isEs256(token)
          ? await jwtVerify(token, publicKey, { algorithms: ["ES256"] })
          : await jwtVerify(token, secret, { algorithms: ["HS256"] });
        return payload;
      } catch {
        return null;
      }
    },
  };
}

/** Keeps `value` for `key`, forgetting the oldest entries past `maxRemembered`. */
export function remember<V>(cache: Map<string, V>, key: string, value: V, maxRemembered = 10_000): V {
  cache.set(key, value);
  while (cache.size > maxRemembered) cache.delete(cache.keys().next().value!);
  return value;
}

export type AsymmetricTokens = Awaited<ReturnType<typeof createAsymmetricTokens>>;

type FetchHandler = (request: Request) => Promise<Response>;

const jwksPath = "/auth/v1/.well-known/jwks.json";

/** Wraps lite's fetch handler with the token translation above. */
export function withAsymmetricTokens(handler: FetchHandler, tokens: AsymmetricTokens): FetchHandler {
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === jwksPath && (request.method === "GET" || request.method === "HEAD")) {
      return Response.json(tokens.jwks, {
        headers: { "access-control-allow-origin": "*", "cache-control": "public, max-age=600" },
      });
    }
    let forwarded = request;
    const authorization = request.headers.get("authorization");
    if (authorization?.startsWith("Bearer ")) {
      const symmetric = await tokens.toSymmetric(authorization.slice(7).trim());
      if (symmetric) {
        const headers = new Headers(request.headers);
        headers.set("authorization", `Bearer ${symmetric}`);
        forwarded = new Request(request, { headers });
      }
    }
    const response = await handler(forwarded);
    if (!url.pathname.startsWith("/auth/v1/") || !response.headers.get("content-type")?.includes("application/json")) return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const session = body as { access_token?: unknown } | undefined;
    if (typeof session?.access_token === "string") {
      const asymmetric = await tokens.toAsymmetric(session.access_token);
      if (asymmetric) {
        const headers = new Headers(response.headers);
        headers.delete("content-length");
        return new Response(JSON.stringify({ ...session, access_token: asymmetric }), {
          status: response.status,
          statusText: response.statusText,
          headers,
        });
      }
    }
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
