import { ApiError } from "./errors";
import { apiErrorResponse } from "./error-response";

/** The methods a route.ts can export besides HEAD and OPTIONS. */
export const routeMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteMethod = (typeof routeMethods)[number];

/**
 * Handlers for a route that serves only `allowed`: `refuse`, to export for each other method
 * (405 in the error shape with `Allow`; without it Next answers 405 with no body and no
 * Cache-Control), and `options`, whose `Allow` then still lists only the served methods.
 */
export function allowOnly(...allowed: RouteMethod[]) {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return {
    refuse: async (request: Request): Promise<Response> =>
      apiErrorResponse(
        new ApiError("method_not_allowed", `${request.method} is not allowed here; use ${allowed.join(" or ")}.`, { allow: allowed }),
        { Allow: allow },
      ),
    options: async (): Promise<Response> => new Response(null, { status: 204, headers: { Allow: allow, "Cache-Control": "no-store" } }),
  };
}
