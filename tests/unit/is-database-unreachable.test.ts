import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "@/lib/supabase/is-database-unreachable";

describe("isDatabaseUnreachable", () => {
  it("is true for an outage: PostgREST's 503 codes, Postgres' shutdown and connection codes, a lost connection, Supabase not answering", () => {
    for (const cause of [
      { code: "PGRST001", message: "Database client error. Retrying the connection." },
      { code: "PGRST000", message: "Could not connect with the database" },
      { code: "57P01", message: "terminating connection due to administrator command" },
      { code: "57P03", message: "the database system is starting up" },
      { code: "08006", message: "connection failure" },
      { code: "CONNECTION_CLOSED", message: "write CONNECTION_CLOSED 127.0.0.1:5432" },
      { code: "", message: "TypeError: fetch failed" },
    ]) {
      expect(isDatabaseUnreachable(cause), JSON.stringify(cause)).toBe(true);
    }
  });

  it("is false for a query that failed on its own: RLS, constraints, syntax, a bare 500", () => {
    for (const cause of [
      { code: "42501", message: "permission denied for table sandbox_instances" },
      { code: "23505", message: "duplicate key value violates unique constraint" },
      { code: "22P02", message: "invalid input syntax for type uuid" },
      { code: "", message: "Internal Server Error" },
      null,
      "fetch failed",
    ]) {
      expect(isDatabaseUnreachable(cause), JSON.stringify(cause)).toBe(false);
    }
  });
});
