import { describe, expect, it } from "vitest";
import { suiteDatabase } from "../helpers/prepared-database.ts";
import { backendName } from "../helpers/database.ts";
import { demoUsers } from "../helpers/local-supabase.ts";
import { sandboxStatuses } from "@/lib/orchestrator/contract";
import { countedStatuses } from "@/lib/sandbox/status";

const db = suiteDatabase();

const service = { role: "service_role" } as const;
const reserve = (userId: string, limit: number) =>
  db.actAs(service, async (tx) => {
    const [row] = await tx.query<{ id: string | null }>("select public.reserve_sandbox_slot($1, $2) as id", [userId, limit]);
    return row!.id;
  });
const release = (id: string) => db.actAs(service, (tx) => tx.query("select public.release_sandbox_slot($1)", [id]));

describe(`sandbox slot reservations on ${backendName}`, () => {
  // On PGlite (one connection) the calls run one after another; the system-Postgres
  // run in CI is where they really race for the advisory lock.
  it("grants at most the limit at once, even to concurrent callers, and frees a released slot", async () => {
    const user = demoUsers.bob.id;
    await db.query("insert into public.sandbox_instances (user_id, sandbox_id, status) values ($1, 'sbx-5107a0000001', 'ready')", [user]);
    const results = await Promise.all(Array.from({ length: 8 }, () => reserve(user, 4)));
    const granted = results.filter((id): id is string => id !== null);
    expect(granted).toHaveLength(3);
    expect(await reserve(user, 4)).toBeNull();
    await release(granted[0]!);
    expect(await reserve(user, 4)).not.toBeNull();
  });

  it("records the created sandbox once, keeps the orchestrator's status and moves expires_at by the new ttl", async () => {
    const user = demoUsers.alice.id;
    const reservation = await reserve(user, 100);
    await db.query(
      "insert into public.sandbox_instances (user_id, sandbox_id, status, ttl_seconds) values ($1, 'sbx-5107a0000002', 'running', 7200)",
      [user],
    );
    const [before] = await db.query<{ expires_at: string }>(
      "select expires_at::text from public.sandbox_instances where sandbox_id = 'sbx-5107a0000002'",
    );
    const recorded = await db.actAs(service, (tx) =>
      tx.query<{ status: string; ttl_seconds: number; shift: number }>(
        `select status, ttl_seconds, extract(epoch from $2::timestamptz - expires_at)::int as shift
           from public.record_created_sandbox($1, $3, 'sbx-5107a0000002', 'ready', '/home/agent', '/data/cold', '{"a": 1}', 600, 'c-1', null)`,
        [reservation, before!.expires_at, user],
      ),
    );
    expect(recorded).toEqual([{ status: "running", ttl_seconds: 600, shift: 6600 }]);
    const rows = await db.query("select 1 from public.sandbox_instances where sandbox_id = 'sbx-5107a0000002'");
    expect(rows).toHaveLength(1);
    const left = await db.query("select 1 from public.sandbox_create_reservations where id = $1", [reservation]);
    expect(left).toEqual([]);
  });

  it("keeps the dashboard's keys in config only while the create that wrote them holds its slot", async () => {
    const user = demoUsers.alice.id;
    const reservation = await reserve(user, 100);
    const internal = JSON.stringify({ purpose: "p", ttl_seconds: 600, dashboard_reservation_id: reservation });
    const configOf = async () =>
      (await db.query<{ config: unknown }>("select config from public.sandbox_instances where sandbox_id = 'sbx-5107a0000005'"))[0]!.config;
    // The orchestrator's row while the create is in flight: the marker keeps it out of the count.
    await db.query(
      "insert into public.sandbox_instances (user_id, sandbox_id, status, config) values ($1, 'sbx-5107a0000005', 'creating', $2::text::jsonb)",
      [user, internal],
    );
    expect(await configOf()).toEqual({ purpose: "p", ttl_seconds: 600, dashboard_reservation_id: reservation });
    await release(reservation!);
    // Its whole-row save at a later status change (a stop): the keys are dropped, the rest kept.
    await db.query(
      "update public.sandbox_instances set status = 'stopped', config = $1::text::jsonb where sandbox_id = 'sbx-5107a0000005'",
      [internal],
    );
    expect(await configOf()).toEqual({ purpose: "p" });
    // Another user's held reservation is no reason to keep them.
    const bobs = await reserve(demoUsers.bob.id, 100);
    await db.query("update public.sandbox_instances set config = $1::text::jsonb where sandbox_id = 'sbx-5107a0000005'", [
      JSON.stringify({ ttl_seconds: 60, dashboard_reservation_id: bobs }),
    ]);
    expect(await configOf()).toEqual({});
    await release(bobs!);
  });

  it("never takes over another user's row", async () => {
    const recorded = await db.actAs(service, (tx) =>
      tx.query(
        `select * from public.record_created_sandbox(null, $1, 'sbx-5107a0000002', 'ready', '/home/agent', '/data/cold', '{}', 60)`,
        [demoUsers.bob.id],
      ),
    );
    expect(recorded).toEqual([]);
    const [row] = await db.query<{ user_id: string }>("select user_id from public.sandbox_instances where sandbox_id = 'sbx-5107a0000002'");
    expect(row?.user_id).toBe(demoUsers.alice.id);
  });

  it("counts exactly the statuses lib/sandbox/status.ts counts (shutting_down and ended sandboxes free their slot)", async () => {
    const [{ id: user }] = (await db.query<{ id: string }>(
      "insert into auth.users (id, email) values (gen_random_uuid(), 'counted@example.com') returning id",
    )) as [{ id: string }];
    for (const [index, status] of sandboxStatuses.entries()) {
      await db.query("insert into public.sandbox_instances (user_id, sandbox_id, status) values ($1, $2, $3)", [
        user,
        `sbx-c0a7ed00000${index}`,
        status,
      ]);
    }
    expect(await reserve(user, countedStatuses.length)).toBeNull();
    expect(await reserve(user, countedStatuses.length + 1)).not.toBeNull();
  });

  it("is not callable by signed-in users", async () => {
    await expect(
      db.actAs({ role: "authenticated", sub: demoUsers.alice.id }, (tx) =>
        tx.query("select public.reserve_sandbox_slot($1, 1000)", [demoUsers.alice.id]),
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });
});

describe(`a create in flight on ${backendName}`, () => {
  it("counts once: the orchestrator's row carrying the reservation is not counted beside the reservation", async () => {
    const [{ id: user }] = (await db.query<{ id: string }>(
      "insert into auth.users (id, email) values (gen_random_uuid(), 'slots@example.com') returning id",
    )) as [{ id: string }];
    const first = await reserve(user, 2);
    await db.query(
      `insert into public.sandbox_instances (user_id, sandbox_id, status, config)
       values ($1, 'sbx-5107a0000003', 'creating', jsonb_build_object('dashboard_reservation_id', $2::text))`,
      [user, first],
    );
    const second = await reserve(user, 2);
    expect(second).not.toBeNull();
    expect(await reserve(user, 2)).toBeNull();
  });

  it("ends when its create gives the slot back: the orchestrator's half-made row becomes failed, without the internal keys, and frees the slot", async () => {
    const [{ id: user }] = (await db.query<{ id: string }>(
      "insert into auth.users (id, email) values (gen_random_uuid(), 'half-made@example.com') returning id",
    )) as [{ id: string }];
    const reservation = await reserve(user, 1);
    // Written by an orchestrator killed after this save: nothing else would ever move it on.
    await db.query(
      `insert into public.sandbox_instances (user_id, sandbox_id, status, config)
       values ($1, 'sbx-5107a0000006', 'starting', jsonb_build_object('purpose', 'p', 'ttl_seconds', 60, 'dashboard_reservation_id', $2::text))`,
      [user, reservation],
    );
    await release(reservation!);
    const [row] = await db.query<{ status: string; stop_reason: string; stopped: boolean; config: unknown }>(
      "select status, stop_reason, stopped_at is not null as stopped, config from public.sandbox_instances where sandbox_id = 'sbx-5107a0000006'",
    );
    expect(row).toEqual({ status: "failed", stop_reason: "error", stopped: true, config: { purpose: "p" } });
    expect(await reserve(user, 1)).not.toBeNull();
  });
});
