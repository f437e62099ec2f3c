import type { Sql } from "../db/database.ts";

/** PostgREST's answer when it cannot reach the database (PGRST001, HTTP 503), as Supabase's REST gives it. */
const outageBody = JSON.stringify({
  code: "PGRST001",
  details: "The database is not reachable.",
  hint: null,
  message: "Database client error. Retrying the connection.",
});

/**
 * @supabase/lite answers a REST call whose database connection failed with a bare 500, where
 * Supabase's PostgREST answers 503 PGRST001 (and recovers by itself once the database is back).
 * A 500 from /rest/v1 is checked against the database with one `select 1`: if that fails too,
 * the answer is PostgREST's, so clients can tell an outage from a failed query.
 */
export function answerDatabaseOutage(db: Pick<Sql, "query">, handle: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const response = await handle(request);
    if (response.status !== 500 || !new URL(request.url).pathname.startsWith("/rest/v1/")) return response;
    if (await reachable(db)) return response;
    await response.body?.cancel();
    return new Response(outageBody, { status: 503, headers: { "content-type": "application/json; charset=utf-8" } });
  };
}

async function reachable(db: Pick<Sql, "query">): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2_000)));
  try {
    return await Promise.race([
      db.query("select 1").then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
