/**
 * The address a request came from, for the sign-in limit. With no trusted proxy
 * (TRUSTED_PROXY_HOPS=0, the default) X-Forwarded-For holds only the socket's address
 * (lib/http/raw-request-guard.ts overwrites what a client sent). Behind N trusted proxies,
 * the Nth entry from the right is the address the outermost of them saw; anything left of
 * it was written by the client and is ignored.
 */
export function clientAddress(forwardedFor: string | null, trustedProxyHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries[entries.length - Math.max(trustedProxyHops, 1)] ?? entries[0] ?? "unknown";
}
