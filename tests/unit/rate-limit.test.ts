import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/api/rate-limit";

describe("the exec rate limiter", () => {
  it("allows the limit within a window, says when to retry, and allows again once hits leave the window", () => {
    const limiter = createRateLimiter(3, 10_000);
    expect([0, 1, 2].map((i) => limiter.take("u", 1_000 + i).ok)).toEqual([true, true, true]);
    expect(limiter.take("u", 4_000)).toEqual({ ok: false, retryAfterSeconds: 7 });
    expect(limiter.take("other", 4_000).ok).toBe(true);
    expect(limiter.take("u", 11_001).ok).toBe(true);
  });

  it("forgets users whose hits have left the window", () => {
    const limiter = createRateLimiter(5, 1_000);
    for (let i = 0; i < 999; i++) limiter.take(`user-${i}`, 0);
    expect(limiter.size).toBe(999);
    limiter.take("late", 5_000);
    expect(limiter.size).toBe(1);
  });
});
