import { loginPathFor, safeNextPath } from "./next-path";

function isProtectedPath(pathname: string): boolean {
  return pathname === "/dashboard" || pathname.startsWith("/dashboard/");
}

/** Where the proxy sends a visitor, or null to let the request through. */
export function guardRedirect(url: { pathname: string; search: string }, signedIn: boolean): string | null {
  if (!signedIn && isProtectedPath(url.pathname)) return loginPathFor(`${url.pathname}${url.search}`);
  if (signedIn && url.pathname === "/login") return safeNextPath(new URLSearchParams(url.search).get("next"));
  return null;
}
