import { beforeAll, describe, expect, it } from "vitest";
import { newUser, serviceDb, type ApiCaller } from "./stack.ts";

let user: ApiCaller;
let other: ApiCaller;
const ids: Record<string, string> = {};

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  [user, other] = await Promise.all([newUser(), newUser()]);
  const db = serviceDb();
  const projects = await db
    .from("projects")
    .insert([
      { user_id: user.id!, name: "Billing service" },
      { user_id: other.id!, name: "Billing elsewhere" },
      { user_id: user.id!, name: '100% (done), "really"' },
    ])
    .select("id, user_id, name");
  if (projects.error) throw projects.error;
  const ownProject = projects.data.find((p) => p.name === "Billing service")!.id;
  const oddProject = projects.data.find((p) => p.name.startsWith("100%"))!.id;
  const otherProject = projects.data.find((p) => p.user_id === other.id)!.id;
  const rows = [
    { key: "soon", sandbox_id: `sbx-search-soon-${user.id!.slice(0, 6)}`, expires_at: minutesFromNow(5), project_id: null },
    { key: "later", sandbox_id: `sbx-search-later-${user.id!.slice(0, 6)}`, expires_at: minutesFromNow(90), project_id: ownProject },
    { key: "none", sandbox_id: `sbx-done-${user.id!.slice(0, 6)}`, expires_at: null, project_id: oddProject },
  ];
  for (const [index, row] of rows.entries()) {
    const inserted = await db
      .from("sandbox_instances")
      .insert({
        user_id: user.id!,
        sandbox_id: row.sandbox_id,
        status: row.expires_at ? "ready" : "failed",
        expires_at: row.expires_at,
        project_id: row.project_id,
        created_at: minutesFromNow(-10 + index),
      })
      .select("id")
      .single();
    if (inserted.error) throw inserted.error;
    ids[row.key] = inserted.data.id;
  }
  const foreign = await db
    .from("sandbox_instances")
    .insert({ user_id: other.id!, sandbox_id: `sbx-search-foreign-${other.id!.slice(0, 6)}`, status: "ready", project_id: otherProject });
  if (foreign.error) throw foreign.error;
});

const listIds = async (query: string) => {
  const answer = await user.request("GET", `/api/sandbox?${query}`);
  expect(answer.status, query).toBe(200);
  return { ids: answer.body.instances.map((i: { id: string }) => i.id), total: answer.body.pagination.total };
};

describe("GET /api/sandbox search and sort", () => {
  it("finds by part of the sandbox id, by the whole row id and by project name, only among the caller's rows", async () => {
    expect(await listIds("q=search-")).toEqual({ ids: [ids.later, ids.soon], total: 2 });
    expect(await listIds("q=SEARCH-SOON")).toEqual({ ids: [ids.soon], total: 1 });
    expect(await listIds(`q=${ids.none}`)).toEqual({ ids: [ids.none], total: 1 });
    // "Billing" also names the other user's project: RLS keeps it (and its sandbox) out.
    expect(await listIds("q=billing")).toEqual({ ids: [ids.later], total: 1 });
    expect(await listIds("q=nothing-like-this")).toEqual({ ids: [], total: 0 });
  });

  it("treats %, _ and PostgREST's own characters in the search as plain text", async () => {
    expect(await listIds(`q=${encodeURIComponent('100% (done), "really"')}`)).toEqual({ ids: [ids.none], total: 1 });
    expect(await listIds(`q=${encodeURIComponent("100%")}`)).toEqual({ ids: [ids.none], total: 1 });
    expect(await listIds(`q=${encodeURIComponent("1_0%")}`)).toEqual({ ids: [], total: 0 });
    expect(await listIds("q=sbx-done")).toEqual({ ids: [ids.none], total: 1 });
    expect(await listIds(`q=${encodeURIComponent("sbx_done")}`)).toEqual({ ids: [], total: 0 });
    for (const q of ["a,b", "x)", '"quoted"', "back\\slash", "*"]) {
      const answer = await user.request("GET", `/api/sandbox?q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
      expect(answer.body.instances, q).toEqual([]);
    }
  });

  it("sorts by time left, rows without an expiry last, combined with the status filter", async () => {
    expect((await listIds("sort=expires")).ids).toEqual([ids.soon, ids.later, ids.none]);
    expect((await listIds("sort=created")).ids).toEqual([ids.none, ids.later, ids.soon]);
    expect((await listIds("sort=expires&status=ready")).ids).toEqual([ids.soon, ids.later]);
  });

  it("refuses an unknown sort or an overlong search with 400 naming the field", async () => {
    for (const [query, field] of [
      ["sort=name", "sort"],
      [`q=${"x".repeat(101)}`, "q"],
    ]) {
      const answer = await user.request("GET", `/api/sandbox?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("validation");
      expect(answer.body.error.details.fields[0].field).toBe(field);
    }
  });
});

describe("GET /api/sandbox?q= with any text", () => {
  // Percent-encoded as they arrive in the URL: NUL, an overlong NUL, lone surrogates (WTF-8),
  // controls, PostgREST filter syntax, LIKE and regex characters, quotes, backslashes, bad escapes.
  const inputs = [
    "%00",
    "a%00b",
    "%C0%80",
    "%ED%A0%80",
    "%ED%B0%80x",
    "%EF%BF%BD",
    "%01%02%1B%7F",
    "a,b)",
    "a,b)or(id.eq.1",
    "x)%2Cuser_id.neq.00000000-0000-0000-0000-000000000000",
    "*",
    "**",
    "%25",
    "%25%25_",
    "%5C",
    "%5C%5C%25",
    "a%5C",
    "'",
    "%22",
    "%22)%2C(",
    "(",
    "id.eq",
    "%2C",
    "%26q%3D",
    "%",
    "%ZZ",
    "%F0%9F%98%80",
    "%E2%80%AE",
    "%20%20",
    "x".repeat(100),
    "x".repeat(101),
  ];

  it.each(inputs)("q=%s answers 200 with only the caller's rows, or 400 in the error shape", async (raw) => {
    const answer = await user.request("GET", `/api/sandbox?q=${raw}`);
    expect([200, 400]).toContain(answer.status);
    if (answer.status === 400) {
      expect(answer.body.error).toMatchObject({ code: "validation", details: { fields: [expect.objectContaining({ field: "q" })] } });
    } else {
      for (const row of answer.body.instances) expect(row.user_id).toBe(user.id);
    }
  });
});
