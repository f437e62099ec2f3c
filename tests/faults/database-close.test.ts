import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../local-stack/db/database.ts";
import { PrivatePostgres, privatePostgresUnavailable } from "../helpers/private-postgres.ts";

/**
 * The local stack's system-Postgres pool, closed after it lived through an outage: its connections
 * wait out postgres.js's reconnect backoff (growing to 20 s with every failed try), and a plain
 * `end()` waited for each to connect before closing it. CI's Postgres restart suite timed out in
 * its afterAll on that, leaving the private cluster running.
 */
const unavailable = privatePostgresUnavailable();
if (unavailable && process.env.REQUIRE_POSTGRES_FAULTS === "1") {
  throw new Error(`REQUIRE_POSTGRES_FAULTS=1 but no private Postgres cluster can be made here: ${unavailable}`);
}

let pg: PrivatePostgres | undefined;

beforeAll(async () => {
  if (unavailable) return;
  pg = await PrivatePostgres.create();
  pg.start();
}, 120_000);

afterAll(() => pg?.destroy());

describe.skipIf(unavailable !== null)("closing the local stack's database after a Postgres outage", () => {
  it("ends instead of waiting out the reconnect backoff (a close still pending after 30 s is a hang)", async () => {
    const db = await openDatabase({ databaseUrl: pg!.url });
    await Promise.all(Array.from({ length: 10 }, () => db.query("select 1")));
    pg!.stopFast();
    // Every query through the dead pool fails its connect; each failure lengthens the backoff.
    const outageEnds = Date.now() + 12_000;
    while (Date.now() < outageEnds) {
      await Promise.all(Array.from({ length: 10 }, () => db.query("select 1").catch(() => null)));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    pg!.start();

    const started = performance.now();
    const closed = await Promise.race([
      db.close().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000).unref()),
    ]);
    expect(closed, "close() still waiting after 30 s").toBe(true);
    const seconds = (performance.now() - started) / 1000;
    console.log(`closed in ${seconds.toFixed(1)} s after the outage`);
  }, 120_000);
});
