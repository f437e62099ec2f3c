import { request } from "node:http";
import { isLoopbackHost } from "./listen-host.ts";

export interface ExpiryTimerOptions {
  /** Where the app listens (HOST), and its port. */
  host: string;
  port: number;
  secret: string;
  /** Default 20 s. */
  intervalMs?: number;
  /** Default: console.log. */
  log?: (line: string) => void;
}

export const expiryRoute = "/api/cron/expire-sandboxes";

/**
 * Calls the dashboard's expiry route on a timer, as Vercel Cron or pg_cron does in a deployment,
 * so `npm run local` ends sandboxes past their lifetime while its orchestrator's own sweeper is
 * off. A failure is logged once, not on every tick, until a call succeeds again. The timer does
 * not keep the process alive.
 */
export function startExpiryTimer(options: ExpiryTimerOptions): { stop(): void } {
  const log = options.log ?? ((line: string) => console.log(line));
  // A wildcard HOST still answers on loopback; the app accepts 127.0.0.1 as its own host either way.
  const connectTo = isLoopbackHost(options.host) || ["0.0.0.0", "::", "[::]"].includes(options.host) ? "127.0.0.1" : options.host;
  let failing = false;
  let inFlight = false;
  const tick = () => {
    if (inFlight) return;
    inFlight = true;
    call(connectTo, options.port, options.secret).then(
      (answer) => {
        inFlight = false;
        if (answer.status === 200) {
          if (failing) log(`[expiry] ${expiryRoute} answers again.`);
          failing = false;
          const run = JSON.parse(answer.body) as { expired?: number };
          if (run.expired) log(`[expiry] ended ${run.expired} sandbox(es) past their lifetime.`);
        } else {
          fail(`HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
        }
      },
      (error: Error) => {
        inFlight = false;
        fail(error.message);
      },
    );
  };
  const fail = (why: string) => {
    if (!failing)
      log(`[expiry] calling ${expiryRoute} failed (${why}); retrying every ${(options.intervalMs ?? 20_000) / 1000} s quietly.`);
    failing = true;
  };
  const timer = setInterval(tick, options.intervalMs ?? 20_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function call(host: string, port: number, secret: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port,
        path: expiryRoute,
        method: "GET",
        headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${secret}` },
        timeout: 120_000,
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        response.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer in 120 s")));
    req.on("error", reject);
    req.end();
  });
}
