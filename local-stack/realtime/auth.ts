// The claims a channel acts with: those of its verified access token, or, without one
// (or when the token is an API key, as supabase-js sends without a session), the role
// of the API key.
import type { RealtimeOptions } from "./server.ts";
import type { Claims } from "./dispatch.ts";

export type ResolvedClaims = { ok: true; claims: Claims } | { ok: false; error: string };

export async function resolveClaims(
  token: unknown,
  connectionRole: "anon" | "service_role",
  options: Pick<RealtimeOptions, "verifyAccessToken" | "apiKeyRole">,
): Promise<ResolvedClaims> {
  if (token === undefined || token === null || token === "") return { ok: true, claims: { role: connectionRole } };
  if (typeof token !== "string") return { ok: false, error: "Failed to validate JWT signature" };
  const keyRole = options.apiKeyRole(token);
  if (keyRole) return { ok: true, claims: { role: keyRole } };
  const claims = await options.verifyAccessToken(token);
  if (claims) return { ok: true, claims: claims as Claims };
  const expiredFor = secondsSinceExpiry(token);
  return {
    ok: false,
    error: expiredFor !== null ? `Token has expired ${expiredFor} seconds ago` : "Failed to validate JWT signature",
  };
}

export function expiredMessage(claims: Claims, now = Date.now()): string | null {
  if (typeof claims.exp !== "number") return null;
  const seconds = Math.floor(now / 1000) - claims.exp;
  return seconds >= 0 ? `Token has expired ${seconds} seconds ago` : null;
}

/** For the error message only: the token's own `exp`, read without trusting it. */
function secondsSinceExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown };
    if (typeof payload.exp !== "number") return null;
    const seconds = Math.floor(Date.now() / 1000) - payload.exp;
    return seconds >= 0 ? seconds : null;
  } catch {
    return null;
  }
}
