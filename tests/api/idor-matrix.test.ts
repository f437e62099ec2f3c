import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { newUser, serviceDb, stack, type ApiCaller } from "./stack.ts";

/**
 * Every route and method, and every page with an id, asked by one user for another user's
 * sandbox and project, for ids that do not exist and for malformed ids: 404 or 400, never the
 * other user's data, and nothing of theirs changed in the database.
 */
let me: ApiCaller;
let other: ApiCaller;
let theirs: { id: string; sandbox_id: string; project_id: string };
let mine: { id: string };

beforeAll(async () => {
  [me, other] = await Promise.all([newUser(), newUser()]);
  const project = await serviceDb().from("projects").insert({ user_id: other.id!, name: "Their secret project" }).select("id").single();
  if (project.error) throw project.error;
  const created = await other.request("POST", "/api/sandbox", { project_id: project.data.id });
  expect(created.status).toBe(201);
  theirs = { id: created.body.instance.id, sandbox_id: created.body.instance.sandbox_id, project_id: project.data.id };
  const own = await me.request("POST", "/api/sandbox", {});
  expect(own.status).toBe(201);
  mine = { id: own.body.instance.id };
});

const theirRows = async () => {
  const { data, error } = await serviceDb().from("sandbox_instances").select("*").eq("user_id", other.id!).order("id");
  if (error) throw error;
  return data;
};

/** Their ids must never appear in an answer to me. */
const leaks = (text: string) =>
  [theirs.id, theirs.sandbox_id, theirs.project_id, "Their secret project"].filter((secret) => text.includes(secret));

/** A page may echo what its URL asked for (the id in the path, the search text); nothing else of theirs. */
const leaksBeyond = (html: string, url: string) => leaks(html).filter((secret) => !url.includes(secret));

const malformedIds = ["abc", "1", "00000000-0000-0000-0000-00000000000", "%00", "%ZZ", "..%2F..%2Fetc", "' or 1=1 --", "x".repeat(300)];

describe("another user's ids, unknown ids and malformed ids", () => {
  it("every route and method answers 404 or 400, shows none of their data and changes none of their rows", async () => {
    const before = await theirRows();
    const ids = [
      { id: () => theirs.id, expected: [404] },
      { id: () => randomUUID(), expected: [404] },
      ...malformedIds.map((id) => ({ id: () => id, expected: [400, 404] })),
    ];
    const requests: Array<[string, (id: string) => string, unknown]> = [
      ["GET", (id) => `/api/sandbox/${id}`, undefined],
      ["PATCH", (id) => `/api/sandbox/${id}`, { action: "stop" }],
      ["DELETE", (id) => `/api/sandbox/${id}`, undefined],
      ["POST", (id) => `/api/sandbox/${id}/exec`, { command: "cat /etc/hostname; ls -la" }],
      ["GET", (id) => `/api/sandbox/${id}/processes`, undefined],
      ["GET", (id) => `/api/sandbox/${id}/usage`, undefined],
      ["POST", (id) => `/api/sandbox/${id}/processes/2/signal`, { signal: "KILL" }],
      ["POST", (id) => `/api/sandbox/${id}/access`, undefined],
      ["GET", (id) => `/api/sandbox/${id}/files`, undefined],
      ["GET", (id) => `/api/sandbox/${id}/files/read?path=%2Fetc%2Fhostname`, undefined],
      ["GET", (id) => `/api/sandbox/${id}/files/download?path=%2Fetc%2Fhostname`, undefined],
      ["POST", (id) => `/api/sandbox/${id}/files/upload?path=%2Ftmp&name=pwned`, "x"],
      ["POST", (id) => `/api/sandbox/${id}/files/mkdir`, { path: "/tmp", name: "pwned" }],
      ["POST", (id) => `/api/sandbox/${id}/files/rename`, { path: "/etc/hostname", new_name: "pwned" }],
      ["POST", (id) => `/api/sandbox/${id}/files/delete`, { path: "/etc/hostname" }],
    ];
    let asked = 0;
    for (const { id, expected } of ids) {
      for (const [method, path, body] of requests) {
        const answer = await me.request(method, path(id()), body);
        asked++;
        expect(expected, `${method} ${path(id())} answered ${answer.status}`).toContain(answer.status);
        expect(answer.body?.error?.code, `${method} ${path(id())}`).toMatch(/^(not_found|validation)$/);
        expect(leaks(JSON.stringify(answer.body))).toEqual([]);
      }
    }
    expect(asked).toBe(ids.length * requests.length);
    expect(await theirRows()).toEqual(before);
    // Nothing was done in their sandbox by the file routes either.
    const tmp = await other.request("GET", `/api/sandbox/${theirs.id}/files?path=%2Ftmp`);
    expect(tmp.status).toBe(200);
    expect(tmp.body.entries.map((entry: { name: string }) => entry.name)).not.toContain("pwned");
  }, 240_000); // over 20 routes × methods × ids, each a real request (about 100 s on a loaded machine)

  it("the list with their ids in q, any status and sort shows only my rows", async () => {
    const queries = [
      `q=${theirs.id}`,
      `q=${theirs.sandbox_id}`,
      `q=${theirs.sandbox_id.slice(0, 8)}`,
      `q=${encodeURIComponent("Their secret")}`,
      `q=${theirs.project_id}`,
      "status=ready,running,creating,starting,stopped,failed,expired,shutting_down",
      "sort=expires&status=ready",
      `q=sbx&sort=expires&limit=100`,
      `user_id=${other.id}`,
      `q=*&offset=0&limit=100`,
    ];
    for (const query of queries) {
      const answer = await me.request("GET", `/api/sandbox?${query}`);
      expect([200, 400], query).toContain(answer.status);
      expect(leaks(JSON.stringify(answer.body)), query).toEqual([]);
      if (answer.status === 200) for (const row of answer.body.instances) expect(row.user_id).toBe(me.id);
    }
  });

  it("a create naming their project is refused (400) and makes no row", async () => {
    const before = await theirRows();
    const answer = await me.request("POST", "/api/sandbox", { project_id: theirs.project_id });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("validation");
    expect(await theirRows()).toEqual(before);
    const { count } = await serviceDb()
      .from("sandbox_instances")
      .select("id", { count: "exact", head: true })
      .eq("project_id", theirs.project_id);
    expect(count).toBe(1);
  });

  it("the detail page of their sandbox, an unknown one or a malformed id is a 404 showing none of their data", async () => {
    for (const id of [theirs.id, randomUUID(), ...malformedIds]) {
      const page = await fetch(`${stack().appUrl}/dashboard/sandbox/${id}`, { headers: { cookie: me.cookie }, redirect: "manual" });
      const html = await page.text();
      expect([400, 404], `/dashboard/sandbox/${id}`).toContain(page.status);
      expect(leaksBeyond(html, id), `/dashboard/sandbox/${id}`).toEqual([]);
    }
    // The list and summary pages show my sandbox and none of theirs.
    for (const path of ["/dashboard/sandbox", "/dashboard", `/dashboard/sandbox?q=${theirs.sandbox_id}`]) {
      const page = await fetch(`${stack().appUrl}${path}`, { headers: { cookie: me.cookie }, redirect: "manual" });
      expect(page.status, path).toBe(200);
      expect(leaksBeyond(await page.text(), path), path).toEqual([]);
    }
    const own = await fetch(`${stack().appUrl}/dashboard/sandbox/${mine.id}`, { headers: { cookie: me.cookie }, redirect: "manual" });
    expect(own.status).toBe(200);
  });
});
