import { ApiError } from "./errors";
import { apiErrorResponse } from "./error-response";
import { routeMethods } from "./method-not-allowed";
import { hasMalformedPercentEncoding } from "@/lib/http/has-malformed-percent-encoding";

const servedMethods = new Set<string>([...routeMethods, "HEAD", "OPTIONS"]);

export const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

/**
 * What the proxy answers for an /api request Next would otherwise answer with an HTML page:
 * a method no route handler can export (TRACE: 500 HTML) or a path that is not valid
 * percent-encoding (%ZZ: 400 HTML, from Next decoding the route params). Null lets it through.
 */
export function refuseUnroutableApiRequest(method: string, pathname: string): Response | null {
  if (!servedMethods.has(method)) {
    return apiErrorResponse(new ApiError("method_not_allowed", `${method} is not allowed under /api.`), {
      Allow: [...servedMethods].join(", "),
    });
  }
  if (hasMalformedPercentEncoding(pathname)) {
    return apiErrorResponse(
      new ApiError("validation", "path is not valid percent-encoding.", {
        fields: [{ field: "path", message: "is not valid percent-encoding" }],
      }),
    );
  }
  return null;
}
