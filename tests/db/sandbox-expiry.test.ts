import { describe, expect, it } from "vitest";
import { suiteDatabase } from "../helpers/prepared-database.ts";
import { backendName } from "../helpers/database.ts";

const db = suiteDatabase();

const service = { role: "service_role" } as const;
interface Claimed {
  sandbox_instance_id: string;
  sandbox_id: string;
  claim: string;
}
const claim = (userId: string, limit = 100) =>
  db.actAs(service, (tx) =>
    tx.query<Claimed>("select * from public.claim_expired_sandboxes(p_limit => $1, p_user_id => $2)", [limit, userId]),
  );
const record = (c: Claimed) =>
  db.actAs(service, (tx) =>
    tx.query<{ status: string }>("select status from public.record_sandbox_expired($1, $2)", [c.sandbox_instance_id, c.claim]),
  );
const reserve = (userId: string, limit: number) =>
  db.actAs(service, async (tx) => {
    const [row] = await tx.query<{ id: string | null }>("select public.reserve_sandbox_slot($1, $2) as id", [userId, limit]);
    return row!.id;
  });

let serial = 0;
async function newUser(): Promise<string> {
  const [row] = await db.query<{ id: string }>("insert into auth.users (id, email) values (gen_random_uuid(), $1) returning id", [
    `expiry-${++serial}-${Date.now()}@example.com`,
  ]);
  return row!.id;
}

/** A row as the orchestrator leaves it, with expires_at `secondsFromNow` away (negative: past). */
async function sandbox(userId: string, status: string, secondsFromNow: number | null, extra: { stuckSeconds?: number } = {}) {
  const sandboxId = `sbx-${Math.random().toString(16).slice(2, 14).padEnd(12, "0")}`;
  const [row] = await db.query<{ id: string }>(
    `insert into public.sandbox_instances (user_id, sandbox_id, status, expires_at)
     values ($1, $2, $3, case when $4::integer is null then null else now() + make_interval(secs => $4::integer) end)
     returning id`,
    [userId, sandboxId, status, secondsFromNow],
  );
  if (extra.stuckSeconds !== undefined) {
    // updated_at is kept current by a trigger: a replica-role session writes past it.
    await db.transaction(async (tx) => {
      await tx.exec("set local session_replication_role = replica");
      await tx.query("update public.sandbox_instances set updated_at = now() - make_interval(secs => $2) where id = $1", [
        row!.id,
        extra.stuckSeconds,
      ]);
    });
  }
  return { id: row!.id, sandboxId };
}

describe(`claiming expired sandboxes on ${backendName}`, () => {
  it("claims the active rows past their expiry (and shutting_down ones only when stuck), each once", async () => {
    const user = await newUser();
    const ready = await sandbox(user, "ready", -5);
    const running = await sandbox(user, "running", -60);
    const stuck = await sandbox(user, "shutting_down", -3600, { stuckSeconds: 3600 });
    await sandbox(user, "shutting_down", -5); // a graceful stop still syncing: left to finish
    await sandbox(user, "ready", 3600);
    await sandbox(user, "creating", null);
    await sandbox(user, "stopped", -60);
    await sandbox(user, "expired", -60);

    const first = await claim(user);
    expect(new Set(first.map((c) => c.sandbox_instance_id))).toEqual(new Set([ready.id, running.id, stuck.id]));
    expect(first.find((c) => c.sandbox_instance_id === ready.id)?.sandbox_id).toBe(ready.sandboxId);
    expect(await claim(user)).toEqual([]);
  });

  it("gives every row to exactly one of many concurrent runs", async () => {
    const user = await newUser();
    const rows = await Promise.all(Array.from({ length: 12 }, () => sandbox(user, "ready", -10)));
    const runs = await Promise.all(Array.from({ length: 6 }, () => claim(user, 5)));
    const claimed = runs.flat().map((c) => c.sandbox_instance_id);
    expect(new Set(claimed).size).toBe(claimed.length);
    // A run that lost every race claims nothing; what is left goes to the next ones.
    for (let round = 0; round < 5 && claimed.length < rows.length; round++)
      claimed.push(...(await claim(user, 5)).map((c) => c.sandbox_instance_id));
    expect(claimed.sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("does not hand a row claimed by a run still in its transaction to another run", async () => {
    const user = await newUser();
    const row = await sandbox(user, "running", -10);
    let claimedInFirst: () => void = () => {};
    const firstHasClaimed = new Promise<void>((resolve) => (claimedInFirst = resolve));
    let second: Promise<Claimed[]> | undefined;
    const first = db.actAs(service, async (tx) => {
      const rows = await tx.query<Claimed>("select * from public.claim_expired_sandboxes(p_user_id => $1)", [user]);
      claimedInFirst();
      // On Postgres the second run starts while this transaction is still open; PGlite serialises them.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return rows;
    });
    if (db.kind === "postgres") {
      await firstHasClaimed;
      second = claim(user);
    }
    const firstRows = await first;
    const secondRows = await (second ?? claim(user));
    expect(firstRows.map((c) => c.sandbox_instance_id)).toEqual([row.id]);
    expect(secondRows).toEqual([]);
  });

  it("records the expiry over the orchestrator's stopped row, once, and keeps it when the orchestrator writes again", async () => {
    const user = await newUser();
    const row = await sandbox(user, "ready", -5);
    const [claimed] = await claim(user);
    // The orchestrator's destroy: shutting_down, then stopped with its own reason.
    await db.query("update public.sandbox_instances set status = 'shutting_down' where id = $1", [row.id]);
    await db.query(
      "update public.sandbox_instances set status = 'stopped', stop_reason = 'user_requested', stopped_at = now() where id = $1",
      [row.id],
    );
    expect(await record(claimed!)).toEqual([{ status: "expired" }]);
    expect(await record(claimed!)).toEqual([]);
    // A late whole-row save (a retried destroy) cannot turn it back.
    await db.query("update public.sandbox_instances set status = 'stopped', stop_reason = 'user_requested' where id = $1", [row.id]);
    const [after] = await db.query<{ status: string; stop_reason: string; stopped_at: string | null }>(
      "select status, stop_reason, stopped_at::text from public.sandbox_instances where id = $1",
      [row.id],
    );
    expect(after).toMatchObject({ status: "expired", stop_reason: "expired", stopped_at: expect.any(String) });
    expect(await claim(user)).toEqual([]);
  });

  it("leaves a released row to the next run, and a claim older than its lease to whoever claims next", async () => {
    const user = await newUser();
    const row = await sandbox(user, "ready", -5);
    const [first] = await claim(user);
    await db.actAs(service, (tx) => tx.query("select public.release_expiry_claim($1, $2)", [row.id, first!.claim]));
    const [second] = await claim(user);
    expect(second?.sandbox_instance_id).toBe(row.id);
    await db.query("update public.sandbox_expiry_claims set claimed_at = now() - interval '1 hour' where sandbox_instance_id = $1", [
      row.id,
    ]);
    const [third] = await claim(user);
    expect(third?.sandbox_instance_id).toBe(row.id);
    // The run that lost its claim records nothing; the one holding it does.
    expect(await record(second!)).toEqual([]);
    expect(await record(third!)).toEqual([{ status: "expired" }]);
  });

  it("finishes the work of a run that died between the orchestrator's destroy and the record, once its lease is over", async () => {
    const user = await newUser();
    const row = await sandbox(user, "running", -5);
    await claim(user);
    await db.query(
      "update public.sandbox_instances set status = 'stopped', stop_reason = 'user_requested', stopped_at = now() where id = $1",
      [row.id],
    );
    expect(await claim(user)).toEqual([]);
    await db.query("update public.sandbox_expiry_claims set claimed_at = now() - interval '1 hour' where sandbox_instance_id = $1", [
      row.id,
    ]);
    const [again] = await claim(user);
    expect(again?.sandbox_instance_id).toBe(row.id);
    expect(await record(again!)).toEqual([{ status: "expired" }]);
  });

  it("is not callable by signed-in users, nor is the claims table readable", async () => {
    const user = await newUser();
    const asUser = { role: "authenticated", sub: user } as const;
    await expect(db.actAs(asUser, (tx) => tx.query("select * from public.claim_expired_sandboxes()"))).rejects.toMatchObject({
      code: "42501",
    });
    await expect(
      db.actAs(asUser, (tx) => tx.query("select public.record_sandbox_expired(gen_random_uuid(), gen_random_uuid())")),
    ).rejects.toMatchObject({ code: "42501" });
    await expect(db.actAs(asUser, (tx) => tx.query("select * from public.sandbox_expiry_claims"))).rejects.toMatchObject({
      code: "42501",
    });
  });
});

describe(`the active limit on ${backendName}`, () => {
  it("never counts a sandbox past its expiry, whether or not anything has ended it", async () => {
    const user = await newUser();
    await sandbox(user, "ready", -1);
    await sandbox(user, "running", -1);
    await sandbox(user, "ready", 3600);
    await sandbox(user, "creating", null);
    expect(await reserve(user, 2)).toBeNull();
    expect(await reserve(user, 3)).not.toBeNull();
  });
});
