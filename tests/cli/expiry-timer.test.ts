import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { expiryRoute, startExpiryTimer } from "../../local-stack/cli/expiry-timer.ts";

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** An app stand-in on loopback that answers each call with the next of `statuses` (the last one repeats). */
async function fakeApp(statuses: number[]) {
  const calls: { url: string | undefined; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    calls.push({ url: req.url, headers: req.headers });
    const status = statuses[Math.min(calls.length - 1, statuses.length - 1)]!;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        status === 200 ? { claimed: 1, expired: 1, already_gone: 0, failed: 0, deferred: 0 } : { error: { code: "internal" } },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stops.push(() => server.close());
  return { port: (server.address() as AddressInfo).port, calls };
}

const until = async (what: string, probe: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe("npm run local's expiry timer", () => {
  it("calls the cron route with the secret as a bearer token and the app's own host", async () => {
    const app = await fakeApp([200]);
    const lines: string[] = [];
    const timer = startExpiryTimer({
      host: "127.0.0.1",
      port: app.port,
      secret: "s".repeat(43),
      intervalMs: 20,
      log: (l) => lines.push(l),
    });
    stops.push(timer.stop);
    await until("two calls", () => app.calls.length >= 2);
    expect(app.calls[0]).toMatchObject({
      url: expiryRoute,
      headers: { authorization: `Bearer ${"s".repeat(43)}`, host: `127.0.0.1:${app.port}` },
    });
    expect(lines[0]).toMatch(/ended 1 sandbox/);
  });

  it("logs a failure once, not on every tick, and says when the route answers again", async () => {
    const app = await fakeApp([500, 500, 500, 500, 200]);
    const lines: string[] = [];
    const timer = startExpiryTimer({ host: "0.0.0.0", port: app.port, secret: "x".repeat(32), intervalMs: 20, log: (l) => lines.push(l) });
    stops.push(timer.stop);
    await until("the route to answer again", () => lines.some((l) => l.includes("answers again")));
    expect(lines.filter((l) => l.includes("failed"))).toHaveLength(1);
    expect(lines[0]).toMatch(/failed \(HTTP 500/);
  });

  it("logs once when the app is not listening", async () => {
    const app = await fakeApp([200]);
    stops.pop()!();
    const lines: string[] = [];
    const timer = startExpiryTimer({
      host: "127.0.0.1",
      port: app.port,
      secret: "x".repeat(32),
      intervalMs: 10,
      log: (l) => lines.push(l),
    });
    stops.push(timer.stop);
    await until("a failure", () => lines.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ECONNREFUSED/);
  });
});
