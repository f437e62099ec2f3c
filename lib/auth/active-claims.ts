import "server-only";
import type { JwtPayload, SupabaseClient } from "@supabase/supabase-js";
import { isSessionAlive } from "./session-liveness";
import { verifiedClaims } from "./verified-claims";

/** The session could not be checked (the database did not answer): neither signed in nor out. */
export class SessionCheckUnavailableError extends Error {
  name = "SessionCheckUnavailableError";
}

export interface ActiveClaims {
  claims: JwtPayload | null;
  error: unknown;
}

/**
 * The request's verified claims, or none when its session has ended. `getClaims()` checks the
 * token's signature locally, which says nothing about sign-out: the token outlives its session by
 * up to an hour. So the session it names must still be in auth.sessions (asked at most every
 * `sessionRecheckMs` per session, lib/auth/session-liveness.ts). A token naming no session is
 * not one auth issued to a user, and is refused.
 */
export async function getActiveClaims(supabase: Pick<SupabaseClient, "auth">): Promise<ActiveClaims> {
  const { claims, error } = await verifiedClaims(supabase.auth).catch((cause: unknown) => ({ claims: null, error: cause }));
  if (error || !claims?.sub) return { claims: null, error };
  const sessionId = claims.session_id;
  if (typeof sessionId !== "string") return { claims: null, error: null };
  let alive: boolean;
  try {
    alive = await isSessionAlive(sessionId);
  } catch (cause) {
    return { claims: null, error: new SessionCheckUnavailableError("The session could not be checked", { cause }) };
  }
  return alive ? { claims, error: null } : { claims: null, error: null };
}
