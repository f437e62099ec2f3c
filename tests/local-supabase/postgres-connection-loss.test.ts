import { once } from "node:events";
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

/**
 * The local Supabase on a Postgres server (`npm run local` with DATABASE_URL, the system-Postgres
 * suites, the load run) reaches it through postgres.js, as @supabase/lite's Kysely dialect uses
 * it: every query and every transaction on a reserved connection (`reserve()`, its queries,
 * `release()`). When that connection's socket dies (Postgres restarted or crashed, the network
 * cut), postgres.js 3.4.9 wrote the next query or the ROLLBACK to a null socket from a
 * `setImmediate`: an uncaught TypeError that took the whole stack down (porsager/postgres#1208;
 * seen in CI on a `kill -9` of the postmaster). And `release()` put the dead connection back among
 * the open ones. patches/postgres+3.4.9.patch (applied by `npm ci`'s postinstall) makes those
 * queries fail with CONNECTION_CLOSED and leaves the connection to be opened again.
 *
 * Here a TCP proxy on loopback stands between postgres.js and a real server (PGlite behind its
 * socket server) and cuts the connection when told, so the loss happens at a known point.
 */

let db: PGlite;
let pgServer: PGLiteSocketServer;
let proxy: Server;
const clientSockets = new Set<Socket>();
/** While true the proxy holds what the client sends: a query stays in flight until the cut. */
let holding = false;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  db = await PGlite.create();
  pgServer = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1" });
  await pgServer.start();
  const pgPort = Number(pgServer.getServerConn().split(":").pop());
  proxy = createServer((client) => {
    const upstream = createConnection(pgPort, "127.0.0.1");
    clientSockets.add(client);
    client.on("data", (chunk) => holding || upstream.write(chunk));
    upstream.pipe(client);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      socket.on("error", () => {});
      socket.on("close", () => other.destroy());
    }
    client.on("close", () => clientSockets.delete(client));
  });
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
});

afterAll(async () => {
  proxy?.close();
  await pgServer?.stop();
  await db?.close();
});

beforeEach(() => {
  holding = false;
  uncaught.length = 0;
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
});
afterEach(() => {
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
});

/**
 * Runs `test` with a pool of one connection, as small as it gets (the dead connection is the only
 * one there is), and the ids of the connections it saw close; ends the pool whatever the outcome.
 */
async function withPool(test: (sql: postgres.Sql, closed: number[]) => Promise<void>) {
  const closed: number[] = [];
  const sql = postgres({
    host: "127.0.0.1",
    port: (proxy.address() as AddressInfo).port,
    user: "postgres",
    database: "postgres",
    max: 1,
    onnotice: () => {},
    onclose: (id) => closed.push(id),
  });
  try {
    await test(sql, closed);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function cut() {
  for (const socket of clientSockets) socket.destroy();
}

/** Two turns of the event loop: a write postgres.js scheduled with setImmediate has run. */
const immediates = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("postgres.js, its connection lost under the local Supabase", () => {
  it(
    "a reserved connection cut between queries: the next query and the ROLLBACK fail with CONNECTION_CLOSED, and the pool answers again after release",
    { timeout: 10_000 },
    () =>
      withPool(async (sql, closed) => {
        const reserved = await sql.reserve();
        await reserved.unsafe("begin");
        expect(await reserved.unsafe("select 1 as n")).toEqual([{ n: 1 }]);
        cut();
        await until(() => closed.length === 1);

        await expect(reserved.unsafe("select 2 as n")).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
        // What Kysely does when a transaction's query fails, then releases the connection.
        await expect(reserved.unsafe("rollback")).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
        reserved.release();
        await immediates();

        // The dead connection is not handed out as an open one: it connects again.
        expect(await sql.unsafe("select 3 as n")).toEqual([{ n: 3 }]);
        const again = await sql.reserve();
        expect(await again.unsafe("select 4 as n")).toEqual([{ n: 4 }]);
        again.release();
        expect(uncaught).toEqual([]);
      }),
  );

  it(
    "a transaction whose query is in flight when the connection dies rejects with CONNECTION_CLOSED, and its ROLLBACK writes nothing",
    { timeout: 10_000 },
    () =>
      withPool(async (sql, closed) => {
        let inFlight = false;
        const transaction = sql.begin(async (t) => {
          await t`select 1`;
          holding = true;
          inFlight = true;
          await t`select 2`;
        });
        await until(() => inFlight);
        await immediates();
        cut();
        await expect(transaction).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
        await until(() => closed.length === 1);
        holding = false;
        await immediates();

        expect(await sql`select 3 as n`).toEqual([{ n: 3 }]);
        expect(uncaught).toEqual([]);
      }),
  );
});
