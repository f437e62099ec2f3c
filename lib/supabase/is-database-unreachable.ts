/**
 * Whether a failed query failed because the database (or Supabase in front of it) could not be
 * reached, rather than because of the query: PostgREST's PGRST000–003 (its 503s and 504 when it
 * cannot get a connection), Postgres' connection-exception class (08…) and its
 * shutdown codes (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now),
 * postgres.js' lost-connection codes and the Node network errors a server passes on, and
 * supabase-js' own "fetch failed" when Supabase itself does not answer.
 */
export function isDatabaseUnreachable(cause: unknown): boolean {
  if (typeof cause !== "object" || cause === null) return false;
  const { code, message } = cause as { code?: unknown; message?: unknown };
  if (typeof code === "string" && unreachableCode.test(code)) return true;
  return typeof message === "string" && unreachableMessage.test(message);
}

const unreachableCode =
  /^(PGRST00[0-3]|08\w{3}|57P0[123]|CONNECTION_(CLOSED|ENDED|DESTROYED)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND)$/;
const unreachableMessage =
  /fetch failed|ECONNREFUSED|ECONNRESET|connection (refused|terminated|closed)|terminating connection due to|the database system is (starting up|shutting down|in recovery mode)|write CONNECTION_|Connection terminated/i;
