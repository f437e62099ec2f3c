import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreparedDatabase, type Actor } from "../helpers/prepared-database.ts";
import { backendName } from "../helpers/database.ts";

/**
 * The list's statements as they reach Postgres, planned on a table the size a busy
 * deployment has: 1,000 rows for the signed-in user among 20,000 of 20 other users,
 * written over time (so one user's rows are spread over the whole table), then analyzed.
 */

const userIds = Array.from({ length: 21 }, (_, n) => `0ede0000-0000-4000-8000-${String(n).padStart(12, "0")}`);
const user: Actor = { role: "authenticated", sub: userIds[0]! };
const rowsPerUser = 1000;

const byCreated = "idx_sandbox_instances_user_id_created_at";
const byExpires = "idx_sandbox_instances_user_id_expires_at";

// What @supabase/lite 0.10.0 (the local stack) sends for listSandboxes, read from Postgres's log
// (log_statement = all): the page with its range as parameters, then the count on its own.
const local = {
  page: `select * from "public"."sandbox_instances" order by "created_at" desc, "id" asc limit $1 offset $2`,
  statusPage: `select * from "public"."sandbox_instances" where "status" in ($1, $2, $3) order by "created_at" desc, "id" asc limit $4 offset $5`,
  expiresPage: `select * from "public"."sandbox_instances" order by "expires_at" asc nulls last, "created_at" desc, "id" asc limit $1 offset $2`,
  count: `select count(*) as "__count" from "public"."sandbox_instances"`,
};
// The shape PostgREST 12 (Supabase) gives the same request: page and count in one statement
// (pgrst_source and pgrst_source_count, as its SqlFragment builds them).
const postgrest = `WITH pgrst_source AS ( SELECT "public"."sandbox_instances".* FROM "public"."sandbox_instances" ORDER BY "sandbox_instances"."created_at" DESC, "sandbox_instances"."id" ASC LIMIT $1 OFFSET $2 ), pgrst_source_count AS (SELECT 1 FROM "public"."sandbox_instances") SELECT (SELECT pg_catalog.count(*) FROM pgrst_source_count) AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, coalesce(json_agg(_postgrest_t), '[]') AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status FROM ( SELECT * FROM pgrst_source ) _postgrest_t`;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

let db: Awaited<ReturnType<typeof openPreparedDatabase>>;

beforeAll(async () => {
  db = await openPreparedDatabase();
  await db.query(
    `insert into auth.users (id, aud, role, email, created_at, updated_at)
     select id, 'authenticated', 'authenticated', 'list-plan-' || n || '@example.com', now(), now()
     from unnest($1::uuid[]) with ordinality as u (id, n)`,
    [userIds],
  );
  // Oldest first, every user's sandboxes interleaved, as rows arrive in a shared table.
  await db.query(
    `insert into public.sandbox_instances (user_id, sandbox_id, status, expires_at, created_at, config)
     select u.id, 'sbx-' || substr(md5(u.id::text || g), 1, 12),
            (array['stopped', 'failed', 'expired', 'stopped', 'running', 'ready'])[1 + (g * 7 + u.n) % 6],
            case when (g * 7 + u.n) % 6 <> 1 then now() + interval '2 hours' - make_interval(secs => g * 600) end,
            now() - make_interval(secs => g * 600 + u.n::int),
            jsonb_build_object('image', 'python:3.12', 'n', g)
     from generate_series(1, $2::int) g
     cross join unnest($1::uuid[]) with ordinality as u (id, n)
     order by g desc, u.n`,
    [userIds, rowsPerUser],
  );
  await db.exec("vacuum analyze public.sandbox_instances");
}, 120_000);
afterAll(async () => {
  await db?.close();
});

async function planOf(sql: string, params: unknown[]): Promise<PlanNode[]> {
  const [row] = await db.actAs(user, (tx) => tx.query<{ "QUERY PLAN": unknown }>(`explain (format json) ${sql}`, params));
  const document = row!["QUERY PLAN"];
  const [top] = (typeof document === "string" ? JSON.parse(document) : document) as { Plan: PlanNode }[];
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(walk);
  };
  walk(top!.Plan);
  return nodes;
}

const describeNodes = (nodes: PlanNode[]) =>
  nodes.map((n) => [n["Node Type"], n["Relation Name"], n["Index Name"]].filter(Boolean).join(" "));
const onTable = (nodes: PlanNode[]) =>
  nodes.filter((n) => n["Relation Name"] === "sandbox_instances" || n["Index Name"]?.startsWith("idx_sandbox"));
const sorts = (nodes: PlanNode[]) => nodes.filter((n) => /Sort/.test(n["Node Type"]));
const seqScans = (nodes: PlanNode[]) => onTable(nodes).filter((n) => n["Node Type"] === "Seq Scan");
const orderedScans = (nodes: PlanNode[], index: string) =>
  nodes.filter((n) => (n["Node Type"] === "Index Scan" || n["Node Type"] === "Index Only Scan") && n["Index Name"] === index);

describe(`the list's query plans on ${backendName}`, () => {
  it("are the statements of the list: the user's newest rows, in order, and their count", async () => {
    const page = await db.actAs(user, (tx) => tx.query<{ user_id: string; created_at: Date | string }>(local.page, [50, 0]));
    expect(page).toHaveLength(50);
    expect(page.every((r) => r.user_id === user.sub)).toBe(true);
    const times = page.map((r) => new Date(r.created_at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const [count] = await db.actAs(user, (tx) => tx.query<{ __count: number | string | bigint }>(local.count));
    expect(Number(count!.__count)).toBe(rowsPerUser);
  });

  it("reads the first page newest first straight from the index: no sort, no full scan", async () => {
    const nodes = await planOf(local.page, [50, 0]);
    expect(describeNodes(nodes)).toEqual(expect.arrayContaining([`Index Scan sandbox_instances ${byCreated}`]));
    expect(sorts(nodes)).toEqual([]);
    expect(seqScans(nodes)).toEqual([]);
  });

  // Ended sandboxes are most of a long list; a filter on the few active ones may rightly plan otherwise.
  it("keeps that order from the index when filtered by ended statuses", async () => {
    const nodes = await planOf(local.statusPage, ["stopped", "failed", "expired", 50, 0]);
    expect(orderedScans(nodes, byCreated)).toHaveLength(1);
    expect(sorts(nodes)).toEqual([]);
    expect(seqScans(nodes)).toEqual([]);
  });

  it("reads the first page by least time left from its own index", async () => {
    const nodes = await planOf(local.expiresPage, [50, 0]);
    expect(orderedScans(nodes, byExpires)).toHaveLength(1);
    expect(sorts(nodes)).toEqual([]);
    expect(seqScans(nodes)).toEqual([]);
  });

  it("counts the user's rows from the index, not the table", async () => {
    const nodes = await planOf(local.count, []);
    const scans = onTable(nodes);
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.some((n) => /Index/.test(n["Node Type"]) && n["Index Name"] === byCreated)).toBe(true);
    expect(seqScans(nodes)).toEqual([]);
  });

  it("plans PostgREST's single statement (page and count) the same way", async () => {
    const nodes = await planOf(postgrest, [50, 0]);
    expect(orderedScans(nodes, byCreated).length).toBeGreaterThan(0);
    expect(sorts(nodes)).toEqual([]);
    expect(seqScans(nodes)).toEqual([]);
  });
});
