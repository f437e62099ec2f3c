import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateApiKey } from "@supabase/lite";
import { generateSigningKey, type SigningJwk } from "./signing-key.ts";

export interface LocalKeys {
  publishableKey: string;
  secretKey: string;
  /** HS256 secret of @supabase/lite (it signs and checks tokens with it internally). */
  jwtSecret: string;
  /** ES256 key the access tokens handed out are signed with; its public half is the JWKS. */
  signingKey: SigningJwk;
}

export interface LocalStackKeys extends LocalKeys {
  /** The key the dashboard sends to the local orchestrator. */
  orchestratorApiKey: string;
}

export async function generateKeys(): Promise<LocalKeys> {
  const [publishable, secret, signingKey] = await Promise.all([
    generateApiKey("publishable"),
    generateApiKey("secret"),
    generateSigningKey(),
  ]);
  return { publishableKey: publishable.key, secretKey: secret.key, jwtSecret: randomBytes(32).toString("base64url"), signingKey };
}

/** Keys are made on the first start and kept, so sessions and `.env.local` stay valid across restarts. */
export async function loadOrCreateKeys(stateDir: string): Promise<LocalStackKeys> {
  const file = path.join(stateDir, "keys.json");
  const stored = await readFile(file, "utf8")
    .then((text) => JSON.parse(text) as Partial<LocalStackKeys>)
    .catch((): Partial<LocalStackKeys> => ({}));
  if (stored.publishableKey && stored.secretKey && stored.jwtSecret && stored.signingKey && stored.orchestratorApiKey) {
    return stored as LocalStackKeys;
  }
  const keys: LocalStackKeys = {
    ...(await generateKeys()),
    orchestratorApiKey: `orch_${randomBytes(24).toString("base64url")}`,
    ...stored,
  };
  await mkdir(stateDir, { recursive: true });
  await writeFile(file, JSON.stringify(keys, null, 2) + "\n", { mode: 0o600 });
  return keys;
}
