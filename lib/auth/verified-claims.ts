import "server-only";
import type { JwtPayload, SupabaseClient } from "@supabase/supabase-js";

/**
 * How long a verified access token is trusted without verifying it again (never past its `exp`).
 * Verifying means importing the signing key and checking an ES256 signature on every request
 * (about 0.5 ms of the server's single thread), or for a project still on a shared secret a
 * request to auth. The same token string verifies the same way, so the answer is kept; the
 * bound is well inside the minutes supabase-js keeps a rotated-out signing key (its JWKS cache).
 */
const trustedForMs = 60_000;

/** Tokens remembered at most: the oldest is forgotten first, so a flood of tokens cannot grow it. */
const maxRemembered = 10_000;

interface Verified {
  claims: JwtPayload;
  until: number;
}

const verified = new Map<string, Verified>();

/**
 * `auth.getClaims()`, answered from memory for an access token this process verified less than
 * `trustedForMs` ago. The session still comes from `getSession()`, which refreshes an expired
 * one (and sets its cookies) exactly as getClaims() itself does first.
 */
export async function verifiedClaims(
  auth: Pick<SupabaseClient["auth"], "getSession" | "getClaims">,
  now = Date.now(),
): Promise<{ claims: JwtPayload | null; error: unknown }> {
  const { data, error } = await auth.getSession();
  const token = data.session?.access_token;
  if (error || !token) return { claims: null, error };
  const known = verified.get(token);
  if (known && now < known.until) return { claims: known.claims, error: null };
  if (known) verified.delete(token);
  const result = await auth.getClaims(token);
  const claims = result.data?.claims ?? null;
  if (result.error || !claims) return { claims: null, error: result.error };
  const expiresAt = typeof claims.exp === "number" ? claims.exp * 1000 : now;
  remember(token, { claims, until: Math.min(expiresAt, now + trustedForMs) });
  return { claims, error: null };
}

function remember(token: string, entry: Verified): void {
  verified.set(token, entry);
  while (verified.size > maxRemembered) verified.delete(verified.keys().next().value!);
}
