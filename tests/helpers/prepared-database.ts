import { afterAll, beforeAll } from "vitest";
import { openDatabase, type LocalDatabase, type Sql } from "../../local-stack/db/database.ts";
import { prepareDatabase } from "../../local-stack/db/migrate.ts";
import { createTestDatabase } from "./database.ts";

export type Actor = { role: "anon" } | { role: "service_role" } | { role: "authenticated"; sub: string };

/** A migrated and seeded database (PGlite, or a fresh one on TEST_POSTGRES_URL), with no API in front. */
export async function openPreparedDatabase(): Promise<LocalDatabase & { actAs<T>(actor: Actor, fn: (tx: Sql) => Promise<T>): Promise<T> }> {
  const target = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: target.databaseUrl });
  await prepareDatabase(db, { seed: true });
  const closeDatabase = db.close;
  return Object.assign(db, {
    /** Runs fn in a transaction as PostgREST would for this actor: its role and JWT claims, set locally. */
    actAs<T>(actor: Actor, fn: (tx: Sql) => Promise<T>) {
      return db.transaction(async (tx) => {
        await tx.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
          actor.role,
          JSON.stringify(actor),
        ]);
        await tx.exec(`set local role ${actor.role}`);
        return fn(tx);
      });
    },
    async close() {
      await closeDatabase();
      await target.drop();
    },
  });
}

export type PreparedDatabase = Awaited<ReturnType<typeof openPreparedDatabase>>;

/** One prepared database for a test file: opened before its tests, closed (and dropped) after. */
export function suiteDatabase(): PreparedDatabase {
  let current: PreparedDatabase | undefined;
  beforeAll(async () => {
    current = await openPreparedDatabase();
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as PreparedDatabase, {
    get(_, key) {
      if (!current) throw new Error("the suite's database is opened in beforeAll");
      const value = Reflect.get(current, key);
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
}
