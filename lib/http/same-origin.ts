/**
 * True when a state-changing request comes from this site's own pages. Browsers set
 * Sec-Fetch-Site and Origin themselves, so a cross-site form or fetch cannot pass.
 * A request with neither header is refused too.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return false;

  const origin = headers.get("origin");
  if (origin === null || origin === "null") return fetchSite === "same-origin";

  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
