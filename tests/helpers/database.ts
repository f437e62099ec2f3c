import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * Tests run on in-memory PGlite by default. With TEST_POSTGRES_URL set (CI sets it
 * to the system server), each caller gets a fresh database on that server instead.
 */
export async function createTestDatabase(): Promise<{ databaseUrl?: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) return { databaseUrl: undefined, drop: async () => {} };
  const name = `matrx_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async drop() {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export const backendName = process.env.TEST_POSTGRES_URL ? "system Postgres" : "PGlite";
