// Placeholder until the realtime server lands: accepts nothing.
import type { Server } from "node:http";
import type { LocalDatabase } from "../db/database.ts";
import type { AccessTokenClaims } from "../supabase/tokens.ts";

export interface RealtimeOptions {
  db: LocalDatabase;
  verifyAccessToken(token: string): Promise<AccessTokenClaims | null>;
  apiKeyRole(key: string): "anon" | "service_role" | null;
}

export function attachRealtime(_server: Server, _options: RealtimeOptions) {
  return { ready: Promise.resolve(), close: async () => {} };
}
