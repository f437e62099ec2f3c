import { errors, jwtVerify } from "jose";
import type { LocalKeys } from "./keys.ts";
import { remember } from "./asymmetric-tokens.ts";

/**
 * PostgREST refuses a bearer token it cannot verify (401 PGRST301) instead of falling back to
 * the anonymous role; @supabase/lite's REST side takes an undecodable one as anonymous. The
 * project's API keys as bearer (what supabase-js sends without a session) stay accepted, and a
 * well-signed token whose claims fail (expired) is left to the REST side's own answer.
 */
export function createRestBearerGuard(keys: Pick<LocalKeys, "publishableKey" | "secretKey" | "jwtSecret">) {
  const secret = new TextEncoder().encode(keys.jwtSecret);
  const apiKeys = new Set([keys.publishableKey, keys.secretKey]);
  // Tokens whose signature was checked once: a signature does not stop being valid.
  const wellSigned = new Map<string, true>();
  return async (request: Request): Promise<Response | null> => {
    if (!new URL(request.url).pathname.startsWith("/rest/v1/")) return null;
    const token = /^bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!token || apiKeys.has(token) || wellSigned.has(token)) return null;
    const parts = token.split(".").length;
    if (parts !== 3) return refusal(`Expected 3 parts in JWT; got ${parts}`, null);
    try {
      await jwtVerify(token, secret, { algorithms: ["HS256"] });
      remember(wellSigned, token, true);
      return null;
    } catch (error) {
      if (error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed) return null;
      return refusal("No suitable key or wrong key type", "None of the keys was able to decode the JWT");
    }
  };
}

function refusal(message: string, details: string | null): Response {
  return new Response(JSON.stringify({ code: "PGRST301", details, hint: null, message }), {
    status: 401,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "www-authenticate": `Bearer error="invalid_token", error_description="${message}"`,
    },
  });
}
