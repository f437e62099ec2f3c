import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { startLocalSupabase, type LocalSupabase, type LocalSupabaseOptions } from "../../local-stack/supabase/server.ts";
import { demoUsers } from "../../local-stack/demo-users.ts";
import { createTestDatabase } from "./database.ts";
import { freePort } from "./free-port.ts";

export { demoUsers };

export interface TestSupabase extends LocalSupabase {
  /** A client with the publishable key and no session. */
  anonClient(): SupabaseClient;
  /** A client with the secret key (service_role). */
  serviceClient(): SupabaseClient;
  /** A client signed in as a demo user. */
  signedIn(user: keyof typeof demoUsers): Promise<SupabaseClient>;
}

/** Starts a seeded local Supabase on a free port, on PGlite or (with TEST_POSTGRES_URL) a fresh Postgres database. */
export async function startTestSupabase(options: LocalSupabaseOptions = {}): Promise<TestSupabase> {
  const database = await createTestDatabase();
  const supabase = await startLocalSupabase({ port: await freePort(), seed: true, databaseUrl: database.databaseUrl, ...options });
  const client = (key: string) =>
    createClient(supabase.url, key, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
  return {
    ...supabase,
    anonClient: () => client(supabase.keys.publishableKey),
    serviceClient: () => client(supabase.keys.secretKey),
    async signedIn(user) {
      const c = client(supabase.keys.publishableKey);
      const { error } = await c.auth.signInWithPassword(demoUsers[user]);
      if (error) throw error;
      return c;
    },
    async stop() {
      await supabase.stop();
      await database.drop();
    },
  };
}
