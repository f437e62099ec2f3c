import { ApiError } from "./errors";
import { apiErrorResponse } from "./error-response";

/** The methods a route.ts can export; Next answers HEAD and OPTIONS itself from the others. */
export const routeMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The handler to export for each method a route does not serve: 405 in the error shape with
 * `Allow`. Without it Next answers 405 with no body and no Cache-Control.
 */
export function methodNotAllowed(...allowed: Array<(typeof routeMethods)[number]>) {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return async (request: Request): Promise<Response> =>
    apiErrorResponse(
      new ApiError("method_not_allowed", `${request.method} is not allowed here; use ${allowed.join(" or ")}.`, { allow: allowed }),
      {
        Allow: allow,
      },
    );
}
