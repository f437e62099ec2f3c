import { createPgliteConnection, type PgliteConnection } from "@supabase/lite/pglite";
import { createPostgresConnection, type PostgresConnection } from "@supabase/lite/postgres";

/** The part of a database session that the local stack needs. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters. */
  exec(text: string): Promise<void>;
}

export interface LocalDatabase extends Sql {
  readonly kind: "pglite" | "postgres";
  /** The @supabase/lite connection built on the same driver, for its App. */
  readonly connection: PgliteConnection | PostgresConnection;
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A Postgres server; when absent, PGlite runs in-process. */
  databaseUrl?: string;
  /** PGlite data folder; when absent with no databaseUrl, the database lives in memory. */
  dataDir?: string;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<LocalDatabase> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<LocalDatabase> {
  const connection = await keepingExitCode(async () => {
    const created = await createPgliteConnection(dataDir ? { url: dataDir } : {});
    await created.driver.waitReady;
    return created;
  });
  const pg = connection.driver;
  keepExitCodeAcrossQueries(pg);
  return {
    kind: "pglite",
    connection,
    async query<T>(text: string, params: unknown[] = []) {
      return (await pg.query<T>(text, params)).rows;
    },
    async exec(text) {
      await pg.exec(text);
    },
    transaction(fn) {
      return pg.transaction((tx) =>
        fn({
          query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
          exec: async (text) => void (await tx.exec(text)),
        }),
      );
    },
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return () => unlisten();
    },
    close: () => keepingExitCode(() => connection.close()),
  };
}

/**
 * PGlite's Emscripten runtime writes process.exitCode when it starts (99) and
 * stops (0), which would change how the whole process exits: a failed test run
 * would end green. The code the process had is put back.
 */
async function keepingExitCode<T>(fn: () => Promise<T>): Promise<T> {
  const exitCode = process.exitCode;
  try {
    return await fn();
  } finally {
    process.exitCode = exitCode;
  }
}

/**
 * PGlite's Emscripten runtime also writes process.exitCode (100) on every query that fails, through
 * whichever path @supabase/lite or the local stack sent it: one refused query in the test runner's
 * own process would make a green run exit 100. Each of the driver's query entry points keeps it.
 */
function keepExitCodeAcrossQueries(pg: PgliteConnection["driver"]): void {
  const driver = pg as unknown as Record<string, unknown>;
  for (const name of ["query", "exec", "transaction", "execProtocol", "execProtocolRaw", "execProtocolStream"]) {
    const original = driver[name];
    if (typeof original !== "function") continue;
    driver[name] = (...args: unknown[]) => keepingExitCode(() => (original as (...a: unknown[]) => Promise<unknown>).apply(pg, args));
  }
}

async function openPostgres(databaseUrl: string): Promise<LocalDatabase> {
  const connection = createPostgresConnection({
    url: databaseUrl,
    postgresOptions: { onnotice: () => {} },
  });
  const sql = connection.driver;
  const wrap = (s: typeof sql): Sql => ({
    query: async <T>(text: string, params: unknown[] = []) => (await s.unsafe(text, params as never[])) as unknown as T[],
    exec: async (text) => void (await s.unsafe(text).simple()),
  });
  return {
    kind: "postgres",
    connection,
    ...wrap(sql),
    transaction: (fn) => sql.begin((tx) => fn(wrap(tx as unknown as typeof sql))) as never,
    async listen(channel, onPayload) {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    // A pool that lived through an outage holds connections waiting out postgres.js's reconnect
    // backoff (up to 20 s each, growing with every failed try); a plain end() waits for each of them
    // to connect only to close it again. Five seconds, then the rest are dropped.
    close: () => sql.end({ timeout: 5 }),
  };
}
