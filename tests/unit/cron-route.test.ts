import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Route handlers' after() needs Next's request scope; here the log line is written at once.
vi.mock("next/server", () => ({ after: (fn: () => void) => fn() }));

const env = {
  NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:1",
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_abc",
  SUPABASE_SECRET_KEY: "sb_secret_abc",
  MATRX_ORCHESTRATOR_URL: "http://127.0.0.1:1",
  MATRX_ORCHESTRATOR_API_KEY: "key",
  APP_ORIGINS: "http://127.0.0.1:3000",
};
const secret = "c".repeat(40);

/** cronRoute with a fresh copy of the server env (it is read once per process). */
async function route(cronSecret: string | undefined) {
  vi.resetModules();
  for (const [name, value] of Object.entries({ ...env, CRON_SECRET: cronSecret })) vi.stubEnv(name, value);
  const { cronRoute } = await import("@/lib/api/cron-route");
  const handler = vi.fn(async () => Response.json({ ran: true }));
  return { handler, call: cronRoute("/api/cron/test", handler) };
}
const get = (authorization?: string) =>
  new Request("http://127.0.0.1:3000/api/cron/test", { headers: authorization ? { authorization } : {} });

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("cronRoute", () => {
  it("refuses every call when CRON_SECRET is not set, the right-looking one included", async () => {
    const { handler, call } = await route(undefined);
    for (const authorization of [undefined, `Bearer ${secret}`, "Bearer undefined", "Bearer "]) {
      const answer = await call(get(authorization));
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({
        error: { code: "forbidden", message: expect.stringContaining("CRON_SECRET is not set") },
      });
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the job only for the exact bearer secret", async () => {
    const { handler, call } = await route(secret);
    for (const authorization of [undefined, secret, `Bearer ${secret.slice(1)}`, `Bearer ${secret}c`, `Token ${secret}`]) {
      const answer = await call(get(authorization));
      expect(answer.status, String(authorization)).toBe(401);
      expect((await answer.json()).error.code).toBe("unauthorized");
    }
    expect(handler).not.toHaveBeenCalled();
    const ok = await call(get(`bearer ${secret}`));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ran: true });
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
