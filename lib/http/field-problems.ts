import type { z } from "zod";

export interface FieldProblem {
  /** Dotted path of the field, or "body". */
  field: string;
  message: string;
}

/**
 * A failed zod check as the API's validation error says it: each bad field and why, and a message
 * (the first problem, readable as is). Shared by the routes and the browser's own checks.
 */
export function fieldProblems(error: z.ZodError): { message: string; fields: FieldProblem[] } {
  const fields: FieldProblem[] = error.issues.map((issue) => ({
    field: issue.path.filter((part) => typeof part === "string").join(".") || "body",
    message:
      issue.code === "unrecognized_keys" ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}` : issue.message,
  }));
  const first = fields[0]!;
  return { message: `${first.field} ${first.message}`, fields };
}
