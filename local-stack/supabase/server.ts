import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@supabase/lite";
import { getRequestListener } from "@hono/node-server";
import { openDatabase, type LocalDatabase } from "../db/database.ts";
import { prepareDatabase } from "../db/migrate.ts";
import { generateKeys, type LocalKeys } from "./keys.ts";
import { attachRealtime } from "../realtime/server.ts";
import { createTokenVerifier } from "./tokens.ts";
import { createRestBearerGuard } from "./bearer-guard.ts";
import { createAsymmetricTokens, withAsymmetricTokens } from "./asymmetric-tokens.ts";
import { answerDatabaseOutage } from "./database-outage.ts";
import { quietDatabaseErrors } from "./quiet-db-errors.ts";
import { batchRequestSettings } from "./batched-request-settings.ts";

export interface LocalSupabaseOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Postgres server URL; without it PGlite runs in-process. */
  databaseUrl?: string;
  /** PGlite data folder; without it (and without databaseUrl) data lives in memory. */
  dataDir?: string;
  keys?: LocalKeys;
  /** Apply supabase/seed.sql on a database that has not been seeded. */
  seed?: boolean;
  /** Access-token lifetime in seconds. */
  jwtExpiry?: number;
}

export interface LocalSupabase {
  url: string;
  port: number;
  keys: LocalKeys;
  db: LocalDatabase;
  migrations: string[];
  seeded: boolean;
  stop(): Promise<void>;
}

export async function startLocalSupabase(options: LocalSupabaseOptions = {}): Promise<LocalSupabase> {
  quietDatabaseErrors();
  const host = options.host ?? "127.0.0.1";
  const keys = options.keys ?? (await generateKeys());
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const { migrations, seeded } = await prepareDatabase(db, { seed: options.seed ?? false });
  keepSupabasePrivileges(db);
  batchRequestSettings(db.connection);

  const app = new App({
    connection: db.connection,
    auth: {
      enabled: true,
      jwt_secret: keys.jwtSecret,
      jwt_expiry: options.jwtExpiry ?? 3600,
      // As supabase/config.toml: no sign-up; users are made by the seed or the admin API (secret key).
      enable_signup: false,
      publishable_key: keys.publishableKey,
      secret_key: keys.secretKey,
      email: { enable_signup: false, enable_confirmations: false },
    },
    // Real Supabase refuses a request without credentials; so does this one.
    options: { server: { admin: false, disableStudio: true } },
  } as ConstructorParameters<typeof App>[0]);

  const refuseBadBearer = createRestBearerGuard(keys);
  // ES256 tokens are translated before the guard and lite see them (asymmetric-tokens.ts).
  const tokens = await createAsymmetricTokens(keys.jwtSecret, keys.signingKey);
  const listener = getRequestListener((request, env) =>
    withAsymmetricTokens(
      answerDatabaseOutage(
        db,
        async (forwarded) =>
          (await refuseBadBearer(forwarded)) ?? app.fetch(forwarded, { peerAddress: env.incoming.socket.remoteAddress ?? null }),
      ),
      tokens,
    )(request),
  );
  const server: Server = createServer(listener);
  const realtime = attachRealtime(server, {
    db,
    verifyAccessToken: createTokenVerifier(tokens),
    apiKeyRole: (key) => (key === keys.publishableKey ? "anon" : key === keys.secretKey ? "service_role" : null),
  });
  await realtime.ready;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 54321, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    keys,
    db,
    migrations,
    seeded,
    async stop() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

/**
 * On its first request @supabase/lite grants anon and authenticated ALL on every
 * table of every schema that has RLS, which would undo a migration's REVOKE. The
 * platform bootstrap already set up Supabase's own grants, so its step is marked
 * as done: privileges stay what the migrations made them, as on real Supabase.
 */
function keepSupabasePrivileges(db: LocalDatabase) {
  (db.connection as unknown as { rlsState: string }).rlsState = "active";
}
