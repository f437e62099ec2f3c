import type { z } from "zod";
import { fieldProblems } from "@/lib/http/field-problems";
import { ApiError } from "./errors";

/** 400 naming each bad field and why; the message is the first problem, readable as is. */
export function validationError(error: z.ZodError): ApiError<"validation"> {
  const { message, fields } = fieldProblems(error);
  return new ApiError("validation", message, { fields });
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
