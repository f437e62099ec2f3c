/**
 * The site's own origins, from APP_ORIGINS (comma-separated, e.g.
 * "https://sandboxes.example.com" or "http://localhost:3000,http://127.0.0.1:3000").
 * Requests for any other Host are refused (DNS rebinding), and a state-changing request
 * must come from one of these origins. Validated at start-up by lib/env.ts.
 */
export function parseAppOrigins(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => new URL(entry).origin);
}

/** A problem with APP_ORIGINS as text, or null when every entry is a bare http(s) origin. */
export function describeAppOriginsProblem(value: string): string | null {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "must list at least one origin";
  for (const entry of entries) {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || entry.replace(/\/$/, "") !== url.origin) {
      return "must list origins like https://app.example.com (scheme, host and port; no path), comma-separated";
    }
  }
  return null;
}

let cached: { raw: string | undefined; origins: string[] } | undefined;

export function appOrigins(): string[] {
  const raw = process.env.APP_ORIGINS;
  if (!cached || cached.raw !== raw) cached = { raw, origins: raw && !describeAppOriginsProblem(raw) ? parseAppOrigins(raw) : [] };
  return cached.origins;
}

/** True when the Host header names one of the site's origins (host and port). */
export function isAppHost(host: string | null, origins: readonly string[] = appOrigins()): boolean {
  if (!host) return false;
  const wanted = host.toLowerCase();
  return origins.some((origin) => new URL(origin).host === wanted);
}
