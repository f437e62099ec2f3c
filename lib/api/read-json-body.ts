import type { z } from "zod";
import { ApiError } from "./errors";
import { readBoundedBody } from "./read-bounded-body";
import { validationError } from "./validation";

/** Reads a JSON body of at most maxBytes (413 beyond) and validates it (400 with the field and reason). */
export async function readJsonBody<T extends z.ZodType>(request: Request, schema: T, maxBytes: number): Promise<z.infer<T>> {
  const text = new TextDecoder().decode(await readBoundedBody(request, maxBytes));
  let value: unknown = {};
  if (text.trim() !== "") {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("validation", "The request body must be JSON.");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
