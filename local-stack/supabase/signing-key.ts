import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";

/** The private half of an ES256 (P-256) signing key as a JWK, with its key id. */
export type SigningJwk = JWK & { kid: string; alg: "ES256" };

export async function generateSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: "ES256" } as SigningJwk;
}

/** What /auth/v1/.well-known/jwks.json publishes: the public half only. */
export function publicJwk(key: SigningJwk): JWK {
  const { kty, crv, x, y, kid, alg } = key;
  return { kty, crv, x, y, kid, alg, use: "sig", key_ops: ["verify"] };
}
