import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { suiteDatabase } from "../helpers/prepared-database.ts";
import { backendName } from "../helpers/database.ts";
import { demoUsers } from "../helpers/local-supabase.ts";

const db = suiteDatabase();

const service = { role: "service_role" } as const;
const take = (userId: string, limit: number, windowSeconds: number, budget?: string) =>
  db.actAs(service, async (tx) => {
    const [row] =
      budget === undefined
        ? await tx.query<{ wait: number }>("select public.take_exec_rate_limit($1, $2, $3) as wait", [userId, limit, windowSeconds])
        : await tx.query<{ wait: number }>("select public.take_exec_rate_limit($1, $2, $3, $4) as wait", [
            userId,
            limit,
            windowSeconds,
            budget,
          ]);
    return row!.wait;
  });

describe(`the exec rate limit and session liveness on ${backendName}`, () => {
  it("counts up to the limit per user in the window, then says how long to wait; other users have their own count", async () => {
    const user = randomUUID();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await take(user, 3, 60));
    expect(answers.slice(0, 3)).toEqual([0, 0, 0]);
    expect(answers[3]).toBeGreaterThanOrEqual(59);
    expect(answers[3]).toBeLessThanOrEqual(60);
    expect(await take(randomUUID(), 3, 60)).toBe(0);
    // Refused commands are not stored: the user holds exactly the limit of rows.
    const [row] = await db.actAs(service, (tx) =>
      tx.query<{ n: number }>("select count(*)::int as n from public.exec_rate_hits where user_id = $1", [user]),
    );
    expect(row!.n).toBe(3);
  });

  it("keeps the terminal's budget and the tools' budget apart, and refuses an unknown budget", async () => {
    const user = randomUUID();
    expect(await take(user, 2, 60)).toBe(0);
    expect(await take(user, 2, 60)).toBe(0);
    expect(await take(user, 2, 60)).toBeGreaterThan(0);
    // The terminal is used up; the views' commands still run, counted on their own.
    expect(await take(user, 2, 60, "tools")).toBe(0);
    expect(await take(user, 2, 60, "tools")).toBe(0);
    expect(await take(user, 2, 60, "tools")).toBeGreaterThan(0);
    expect(await take(user, 2, 60, "terminal")).toBeGreaterThan(0);
    await expect(take(user, 2, 60, "everything")).rejects.toThrow(/unknown exec budget/);
  });

  it("forgets hits once they leave the window", async () => {
    const user = randomUUID();
    expect(await take(user, 1, 1)).toBe(0);
    expect(await take(user, 1, 1)).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await take(user, 1, 1)).toBe(0);
  });

  it("answers whether a session is still in auth.sessions", async () => {
    const [session] = await db.query<{ id: string }>(
      "insert into auth.sessions (id, user_id) values (gen_random_uuid(), $1) returning id",
      [demoUsers.alice.id],
    );
    const alive = (id: string) =>
      db.actAs(
        service,
        async (tx) => (await tx.query<{ alive: boolean }>("select public.auth_session_is_active($1) as alive", [id]))[0]!.alive,
      );
    expect(await alive(session!.id)).toBe(true);
    await db.query("delete from auth.sessions where id = $1", [session!.id]);
    expect(await alive(session!.id)).toBe(false);
    expect(await alive(randomUUID())).toBe(false);
  });

  it("lets only the service role call them or read the table", async () => {
    for (const actor of [{ role: "anon" } as const, { role: "authenticated", sub: demoUsers.alice.id } as const]) {
      await expect(db.actAs(actor, (tx) => tx.query("select * from public.exec_rate_hits"))).rejects.toThrow(/permission denied/);
      await expect(db.actAs(actor, (tx) => tx.query(`select public.take_exec_rate_limit('${randomUUID()}', 5, 10)`))).rejects.toThrow(
        /permission denied/,
      );
      await expect(db.actAs(actor, (tx) => tx.query(`select public.auth_session_is_active('${randomUUID()}')`))).rejects.toThrow(
        /permission denied/,
      );
    }
  });
});
