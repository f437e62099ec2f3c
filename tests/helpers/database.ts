import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** A new, empty database on the server of `serverUrl` (named `<prefix>_<random>`), and its dropping. */
export async function scratchDatabase(serverUrl: string, prefix = "matrx_test"): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * Tests run on in-memory PGlite by default. With TEST_POSTGRES_URL set (CI sets it
 * to the system server), each caller gets a fresh database on that server instead.
 */
export async function createTestDatabase(): Promise<{ databaseUrl?: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) return { databaseUrl: undefined, drop: async () => {} };
  const scratch = await scratchDatabase(serverUrl);
  return { databaseUrl: scratch.url, drop: scratch.drop };
}

export const backendName = process.env.TEST_POSTGRES_URL ? "system Postgres" : "PGlite";
