import { appOrigins } from "./app-origins";

/**
 * True when a state-changing request comes from this site's own pages. Browsers set
 * Sec-Fetch-Site and Origin themselves, so a cross-site form or fetch cannot pass.
 * Origin is compared with the site's configured origins (APP_ORIGINS), never with the
 * request's own Host: a DNS-rebinding page sends a matching forged pair. A request with
 * neither header is refused too.
 */
export function isSameOriginRequest(headers: Headers, origins: readonly string[] = appOrigins()): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return false;

  const origin = headers.get("origin");
  if (origin === null || origin === "null") return fetchSite === "same-origin";

  try {
    return origins.includes(new URL(origin).origin);
  } catch {
    return false;
  }
}
