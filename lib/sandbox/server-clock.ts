/**
 * The server's clock as seen from the browser. Countdowns and "expired by the clock" use it, so a
 * browser whose clock is off still shows the time left the server will enforce. Fed by the `Date`
 * header of API answers (second resolution: offsets under 2 s are noise and ignored).
 */
let offsetMs = 0;
const listeners = new Set<() => void>();

export function noteServerDate(header: string | null, receivedAt: number = Date.now()): void {
  if (!header) return;
  const serverTime = Date.parse(header);
  if (!Number.isFinite(serverTime)) return;
  // The header is truncated to the second: on average half a second behind.
  const measured = serverTime + 500 - receivedAt;
  const next = Math.abs(measured) < 2_000 ? 0 : measured;
  if (next !== offsetMs) {
    offsetMs = next;
    listeners.forEach((listener) => listener());
  }
}

/** Now, by the server's clock. */
export const serverNow = (): number => Date.now() + offsetMs;
export const serverClockOffset = (): number => offsetMs;

export function onServerClockChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
