/**
 * A sliding-window limit per key, kept in this server process's memory. With
 * several server instances each enforces its own window.
 */
export function createRateLimiter(limit: number, windowMs: number) {
  const hits = new Map<string, number[]>();
  let takesSinceSweep = 0;

  /** Forgets keys whose hits have all left the window, so memory follows recent users only. */
  function sweep(now: number) {
    for (const [key, times] of hits) {
      if (times.at(-1)! <= now - windowMs) hits.delete(key);
    }
  }

  return {
    /** Counts one hit, or says how many seconds to wait when the window is full. */
    take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
      if (++takesSinceSweep >= 1000) {
        takesSinceSweep = 0;
        sweep(now);
      }
      const recent = (hits.get(key) ?? []).filter((at) => at > now - windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000)) };
      }
      recent.push(now);
      hits.set(key, recent);
      return { ok: true };
    },
    /** How many keys are remembered. */
    get size() {
      return hits.size;
    },
  };
}
