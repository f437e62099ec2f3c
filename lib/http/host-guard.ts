import { ApiError } from "@/lib/api/errors";
import { apiErrorResponse } from "@/lib/api/error-response";
import { isApiPath } from "@/lib/api/api-request-guard";
import { appOrigins, isAppHost } from "./app-origins";

/**
 * Refuses a request whose Host is not one of the site's origins (APP_ORIGINS): a page on
 * another name that resolves here (DNS rebinding) must not sign in or drive the API.
 * 421 in the error shape under /api, a plain page elsewhere; null lets it through.
 */
export function refuseForeignHost(host: string | null, pathname: string, origins: readonly string[] = appOrigins()): Response | null {
  if (isAppHost(host, origins)) return null;
  const message = "This site does not answer under that host name.";
  if (isApiPath(pathname)) return apiErrorResponse(new ApiError("misdirected", message));
  return new Response(`${message}\n`, {
    status: 421,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
