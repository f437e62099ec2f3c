import { describe, expect, it } from "vitest";
import { suiteDatabase } from "../helpers/prepared-database.ts";
import { backendName } from "../helpers/database.ts";
import { demoUsers } from "../helpers/local-supabase.ts";

const db = suiteDatabase();

const service = { role: "service_role" } as const;
const limits = { account: 3, address: 5, window: 900 };
const fail = (account: string, address: string) =>
  db.actAs(service, async (tx) => {
    const [row] = await tx.query<{ wait: number }>("select public.record_sign_in_failure($1, $2, $3, $4, $5) as wait", [
      account,
      address,
      limits.account,
      limits.address,
      limits.window,
    ]);
    return row!.wait;
  });
const waitFor = (account: string, address: string) =>
  db.actAs(service, async (tx) => {
    const [row] = await tx.query<{ wait: number }>("select public.sign_in_wait_seconds($1, $2) as wait", [account, address]);
    return row!.wait;
  });
const clear = (account: string) => db.actAs(service, (tx) => tx.query("select public.clear_sign_in_failures($1)", [account]));

describe(`failed sign-in limits on ${backendName}`, () => {
  it("locks an account after its limit of failures, from any address, for the window", async () => {
    expect(await fail("carol@example.com", "10.0.0.1")).toBe(0);
    expect(await fail("carol@example.com", "10.0.0.2")).toBe(0);
    const wait = await fail("carol@example.com", "10.0.0.3");
    expect(wait).toBeGreaterThan(limits.window - 5);
    expect(wait).toBeLessThanOrEqual(limits.window);
    expect(await waitFor("carol@example.com", "10.9.9.9")).toBeGreaterThan(0);
    expect(await waitFor("dave@example.com", "10.9.9.9")).toBe(0);
  });

  it("locks an address after its limit of failures over many accounts", async () => {
    for (let i = 0; i < limits.address - 1; i++) expect(await fail(`guess-${i}@example.com`, "192.0.2.7")).toBe(0);
    expect(await fail("guess-last@example.com", "192.0.2.7")).toBeGreaterThan(0);
    expect(await waitFor("someone-else@example.com", "192.0.2.7")).toBeGreaterThan(0);
    expect(await waitFor("someone-else@example.com", "192.0.2.8")).toBe(0);
  });

  it("forgets an account's failures after a success, but not a lock", async () => {
    await fail("erin@example.com", "10.0.1.1");
    await fail("erin@example.com", "10.0.1.1");
    await clear("erin@example.com");
    expect(await fail("erin@example.com", "10.0.1.1")).toBe(0);
    await clear("carol@example.com");
    expect(await waitFor("carol@example.com", "10.9.9.9")).toBeGreaterThan(0);
  });

  it("starts counting afresh once the window has passed", async () => {
    await fail("frank@example.com", "10.0.2.1");
    await fail("frank@example.com", "10.0.2.1");
    await db.query("update public.sign_in_failures set window_started_at = now() - interval '16 minutes' where key = 'frank@example.com'");
    expect(await fail("frank@example.com", "10.0.2.1")).toBe(0);
  });

  it("is the service role's alone", async () => {
    const asUser = { role: "authenticated", sub: demoUsers.alice.id } as const;
    await expect(db.actAs(asUser, (tx) => tx.query("select * from public.sign_in_failures"))).rejects.toThrow(/permission denied/);
    await expect(db.actAs(asUser, (tx) => tx.query("select public.sign_in_wait_seconds('a', 'b')"))).rejects.toThrow(/permission denied/);
    await expect(db.actAs(asUser, (tx) => tx.query("select public.record_sign_in_failure('a', 'b', 1, 1, 1)"))).rejects.toThrow(
      /permission denied/,
    );
  });
});
