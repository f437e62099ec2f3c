import type { z } from "zod";
import { ApiError, type FieldProblem } from "./errors";

/** 400 naming each bad field and why; the message is the first problem, readable as is. */
export function validationError(error: z.ZodError): ApiError<"validation"> {
  const problems: FieldProblem[] = error.issues.map((issue) => ({
    field: issue.path.filter((part) => typeof part === "string").join(".") || "body",
    message:
      issue.code === "unrecognized_keys" ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}` : issue.message,
  }));
  const first = problems[0]!;
  return new ApiError("validation", `${first.field} ${first.message}`, { fields: problems });
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
