/** One entry of a FastAPI/pydantic v2 validation error list. */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | ValidationIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === "string" ? detail : "Validation failed");
  }
}

export const notFound = (sandboxId: string) => new HttpError(404, `Sandbox ${sandboxId} not found`);

export const validationError = (issues: ValidationIssue[]) => new HttpError(422, issues);

/** Answered as Starlette answers an unhandled exception: 500, `Internal Server Error` in plain text. */
export class UnhandledServerError extends Error {}
