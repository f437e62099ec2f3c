import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNextApp, type NextApp } from "../helpers/next-app.ts";
import { apiStackSettings, newUser, stack } from "./stack.ts";

/**
 * Two server instances of the app on one database, as behind a load balancer: the first is the
 * suite's app, the second a `next start` of the same build with the same settings.
 */
let second: NextApp | undefined;

beforeAll(async () => {
  second = await startNextApp({
    distDir: ".next/api-tests-second",
    logFile: path.resolve(".next/api-tests-second.log"),
    readyPath: "/api/sandbox",
    env: {
      NEXT_PUBLIC_SUPABASE_URL: stack().supabaseUrl,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: stack().publishableKey,
      SUPABASE_SECRET_KEY: stack().secretKey,
      MATRX_ORCHESTRATOR_URL: stack().orchestratorUrl,
      MATRX_ORCHESTRATOR_API_KEY: apiStackSettings.orchestratorApiKey,
      MATRX_ORCHESTRATOR_TIMEOUT_MS: String(apiStackSettings.orchestratorTimeoutMs),
      SANDBOX_ACTIVE_LIMIT: String(apiStackSettings.activeLimit),
      SANDBOX_EXEC_RATE_LIMIT: String(apiStackSettings.execRateLimit),
      SANDBOX_EXEC_RATE_WINDOW_SECONDS: String(apiStackSettings.execRateWindowSeconds),
    },
  });
}, 240_000);

afterAll(async () => {
  await second?.stop();
});

describe("the exec rate limit with two server instances", () => {
  it("holds for the pair exactly as for one: commands alternating between them, the limit passes and no more", async () => {
    const user = await newUser();
    const { id } = (await user.request("POST", "/api/sandbox", {})).body.instance;
    const instances = [stack().appUrl, second!.url];
    const exec = (appUrl: string) =>
      fetch(`${appUrl}/api/sandbox/${id}/exec`, {
        method: "POST",
        headers: { cookie: user.cookie, origin: appUrl, "content-type": "application/json" },
        body: JSON.stringify({ command: "true" }),
      });

    const sent = apiStackSettings.execRateLimit + 6;
    const statuses: number[] = [];
    let lastRefusal: Response | undefined;
    for (let i = 0; i < sent; i++) {
      const answer = await exec(instances[i % 2]!);
      statuses.push(answer.status);
      if (answer.status === 429) lastRefusal = answer;
      else await answer.body?.cancel();
    }
    expect(statuses).toEqual([...Array(apiStackSettings.execRateLimit).fill(200), ...Array(6).fill(429)]);
    const body = (await lastRefusal!.json()) as { error: { code: string } };
    expect(body.error.code).toBe("rate_limited");
    const retryAfter = Number(lastRefusal!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(apiStackSettings.execRateWindowSeconds);
  }, 120_000);
});
