/** A request's query as a plain object for a schema (the last value of a repeated name wins). */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
