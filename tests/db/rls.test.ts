import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreparedDatabase, type Actor } from "../helpers/prepared-database.ts";
import { backendName } from "../helpers/database.ts";
import { demoUsers } from "../helpers/local-supabase.ts";

const alice: Actor = { role: "authenticated", sub: demoUsers.alice.id };
const bob: Actor = { role: "authenticated", sub: demoUsers.bob.id };
type Row = { id: string; user_id: string; sandbox_id: string; status: string };

let db: Awaited<ReturnType<typeof openPreparedDatabase>>;
let counter = 0;
const nextSandboxId = () => `sbx-${(0xabc000000000 + ++counter).toString(16)}`;

beforeAll(async () => {
  db = await openPreparedDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function insertAs(actor: Actor, userId: string, extra: Record<string, unknown> = {}) {
  const columns = { user_id: userId, sandbox_id: nextSandboxId(), ...extra };
  const names = Object.keys(columns);
  return db.actAs(actor, (tx) =>
    tx.query<Row & Record<string, unknown>>(
      `insert into public.sandbox_instances (${names.join(", ")}) values (${names.map((_, i) => `$${i + 1}`).join(", ")}) returning *`,
      Object.values(columns),
    ),
  );
}

async function ownerOf(id: string) {
  const rows = await db.query<Row>("select * from public.sandbox_instances where id = $1", [id]);
  return rows[0];
}

describe(`sandbox_instances row-level security on ${backendName}`, () => {
  it("shows each user only their own rows", async () => {
    const aliceRows = await db.actAs(alice, (tx) => tx.query<Row>("select * from public.sandbox_instances"));
    const bobRows = await db.actAs(bob, (tx) => tx.query<Row>("select * from public.sandbox_instances"));
    expect(aliceRows.length).toBeGreaterThan(0);
    expect(bobRows.length).toBeGreaterThan(0);
    expect(aliceRows.every((r) => r.user_id === demoUsers.alice.id)).toBe(true);
    expect(bobRows.every((r) => r.user_id === demoUsers.bob.id)).toBe(true);
  });

  it("shows anon nothing and service_role everything", async () => {
    const all = await db.query<Row>("select * from public.sandbox_instances");
    const anon = await db.actAs({ role: "anon" }, (tx) => tx.query<Row>("select * from public.sandbox_instances"));
    const service = await db.actAs({ role: "service_role" }, (tx) => tx.query<Row>("select * from public.sandbox_instances"));
    expect(anon).toEqual([]);
    expect(service.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(new Set(service.map((r) => r.user_id))).toEqual(new Set([demoUsers.alice.id, demoUsers.bob.id]));
  });

  it("refuses every write by a signed-in user, even to their own rows, and by anon", async () => {
    await expect(insertAs(alice, demoUsers.alice.id)).rejects.toMatchObject({ code: "42501" });
    await expect(insertAs(alice, demoUsers.bob.id)).rejects.toMatchObject({ code: "42501" });
    await expect(insertAs({ role: "anon" }, demoUsers.alice.id)).rejects.toMatchObject({ code: "42501" });

    const [mine] = await insertAs({ role: "service_role" }, demoUsers.alice.id);
    const writes = [
      "update public.sandbox_instances set status = 'running' where id = $1",
      "update public.sandbox_instances set expires_at = now() + interval '100 years' where id = $1",
      "delete from public.sandbox_instances where id = $1",
    ];
    for (const write of writes) {
      await expect(db.actAs(alice, (tx) => tx.query(write, [mine!.id]))).rejects.toMatchObject({ code: "42501" });
    }
    const row = await ownerOf(mine!.id);
    expect(row).toMatchObject({ user_id: demoUsers.alice.id, status: "creating" });
  });

  it("lets the service role write any row", async () => {
    const [row] = await insertAs({ role: "service_role" }, demoUsers.bob.id);
    const updated = await db.actAs({ role: "service_role" }, (tx) =>
      tx.query<Row>("update public.sandbox_instances set status = 'stopped' where id = $1 returning *", [row!.id]),
    );
    expect(updated.map((r) => r.status)).toEqual(["stopped"]);
    await db.actAs({ role: "service_role" }, (tx) => tx.query("delete from public.sandbox_instances where id = $1", [row!.id]));
    expect(await ownerOf(row!.id)).toBeUndefined();
  });
});

describe(`sandbox_instances constraints and triggers on ${backendName}`, () => {
  it("rejects an unknown status or stop_reason", async () => {
    await expect(insertAs({ role: "service_role" }, demoUsers.alice.id, { status: "paused" })).rejects.toMatchObject({
      code: "23514",
    });
    await expect(insertAs({ role: "service_role" }, demoUsers.alice.id, { status: "stopped", stop_reason: "bored" })).rejects.toMatchObject(
      { code: "23514" },
    );
  });

  it("rejects a second row for the same sandbox_id", async () => {
    const sandboxId = nextSandboxId();
    await insertAs({ role: "service_role" }, demoUsers.alice.id, { sandbox_id: sandboxId });
    await expect(insertAs({ role: "service_role" }, demoUsers.alice.id, { sandbox_id: sandboxId })).rejects.toMatchObject({
      code: "23505",
    });
  });

  it("keeps updated_at current on every update", async () => {
    const [row] = await insertAs({ role: "service_role" }, demoUsers.alice.id);
    await db.query("update public.sandbox_instances set status = 'starting' where id = $1", [row!.id]);
    const [after] = await db.query<{ changed: boolean }>(
      "select updated_at > $2::timestamptz as changed from public.sandbox_instances where id = $1",
      [row!.id, row!.updated_at],
    );
    expect(after?.changed).toBe(true);
  });

  it("sets expires_at to now() + ttl when the sandbox first becomes ready or running, and only then", async () => {
    const [row] = await insertAs({ role: "service_role" }, demoUsers.alice.id, { ttl_seconds: 600 });
    expect(row?.expires_at).toBeNull();
    await db.query("update public.sandbox_instances set status = 'starting' where id = $1", [row!.id]);
    expect((await db.query("select expires_at from public.sandbox_instances where id = $1", [row!.id]))[0]).toEqual({
      expires_at: null,
    });

    const lifetime = async () =>
      (
        await db.query<{ seconds: number; expires_at: unknown }>(
          "select extract(epoch from expires_at - updated_at)::int as seconds, expires_at from public.sandbox_instances where id = $1",
          [row!.id],
        )
      )[0]!;
    await db.query("update public.sandbox_instances set status = 'ready' where id = $1", [row!.id]);
    const first = await lifetime();
    expect(first.seconds).toBe(600);

    await db.query("update public.sandbox_instances set status = 'running' where id = $1", [row!.id]);
    const second = await db.query<{ expires_at: unknown }>("select expires_at from public.sandbox_instances where id = $1", [row!.id]);
    expect(second[0]?.expires_at).toEqual(first.expires_at);
  });

  it("sets expires_at on a row inserted as running, and keeps an explicit one", async () => {
    const [running] = await insertAs({ role: "service_role" }, demoUsers.alice.id, {
      status: "running",
      ttl_seconds: 60,
    });
    expect(running?.expires_at).not.toBeNull();
    const [explicit] = await insertAs({ role: "service_role" }, demoUsers.alice.id, {
      status: "ready",
      expires_at: "2030-01-01T00:00:00Z",
    });
    expect(new Date(String(explicit?.expires_at)).toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });
});
