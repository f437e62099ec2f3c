import { jwtVerify, type JWTPayload } from "jose";

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  role: string;
  email?: string;
  session_id?: string;
}

/** Verifies access tokens exactly as the auth side signs them (HS256 with the project's JWT secret). */
export function createTokenVerifier(jwtSecret: string) {
  const key = new TextEncoder().encode(jwtSecret);
  return async (token: string): Promise<AccessTokenClaims | null> => {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"] });
      if (typeof payload.sub !== "string" || typeof payload.role !== "string") return null;
      return payload as AccessTokenClaims;
    } catch {
      return null;
    }
  };
}
