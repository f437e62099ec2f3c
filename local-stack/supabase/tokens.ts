import type { JWTPayload } from "jose";
import type { AsymmetricTokens } from "./asymmetric-tokens.ts";

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  role: string;
  email?: string;
  session_id?: string;
}

/** Verifies access tokens as the auth side signs them (ES256 with the signing key, or HS256 with the JWT secret). */
export function createTokenVerifier(tokens: AsymmetricTokens) {
  return async (token: string): Promise<AccessTokenClaims | null> => {
    const payload = await tokens.verify(token);
    if (typeof payload?.sub !== "string" || typeof payload.role !== "string") return null;
    return payload as AccessTokenClaims;
  };
}
