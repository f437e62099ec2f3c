import { fieldProblems, type FieldProblem } from "@/lib/http/field-problems";
import { maxConfigBytes, ttlLimits } from "@/lib/sandbox/request-limits";
import type { CreateSandboxInput } from "@/lib/sandbox/schemas";

export const lifetimePresets = [
  { seconds: 900, label: "15 min" },
  { seconds: 3600, label: "1 h" },
  { seconds: 7200, label: "2 h" },
  { seconds: 28_800, label: "8 h" },
  { seconds: 86_400, label: "24 h" },
] as const;

export interface CreateFormValues {
  /** A preset's seconds as text, or "custom". */
  lifetime: string;
  customSeconds: string;
  projectId: string;
  configText: string;
}

export const initialFormValues: CreateFormValues = {
  lifetime: String(ttlLimits.default),
  customSeconds: "",
  projectId: "",
  configText: "",
};

export type FieldErrors = Partial<Record<"ttl_seconds" | "config" | "project_id" | "body", string>>;

/** The form as the API's body, checked with the API's own schema (fetched on first use); or the problems, by field. */
export async function readCreateForm(values: CreateFormValues): Promise<{ input: CreateSandboxInput } | { errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const ttl = values.lifetime === "custom" ? values.customSeconds.trim() : values.lifetime;
  if (!/^\d+$/.test(ttl))
    errors.ttl_seconds = `Enter a whole number of seconds from ${ttlLimits.min} to ${ttlLimits.max.toLocaleString("en")}.`;
  let config: unknown = undefined;
  if (values.configText.trim()) {
    if (new TextEncoder().encode(values.configText).length > maxConfigBytes * 2) {
      errors.config = `The config must be at most ${maxConfigBytes / 1024} KB of JSON.`;
    } else {
      try {
        config = JSON.parse(values.configText);
      } catch (error) {
        errors.config = `Not valid JSON: ${(error as Error).message}`;
      }
    }
  }
  // The API's own check runs on what could be read, so every problem shows at once (a lifetime out
  // of range and a reserved config key, not one after the other); a field's own error comes first.
  const input: CreateSandboxInput = { ttl_seconds: errors.ttl_seconds ? ttlLimits.default : Number(ttl) };
  if (config !== undefined) input.config = config as Record<string, unknown>;
  if (values.projectId) input.project_id = values.projectId;
  const { createSandboxSchema } = await import("@/lib/sandbox/schemas");
  const parsed = createSandboxSchema.safeParse(input);
  if (!parsed.success) {
    for (const [field, message] of Object.entries(fieldErrors(fieldProblems(parsed.error).fields)))
      errors[field as keyof FieldErrors] ??= message;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { input };
}

/** The fields of a validation error as one message per form field. */
export function fieldErrors(fields: readonly FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of fields) {
    const key = (
      ["ttl_seconds", "config", "project_id"].includes(field.split(".")[0]!) ? field.split(".")[0] : "body"
    ) as keyof FieldErrors;
    errors[key] ??= `${field === key ? "" : `${field} `}${message}`.trim();
  }
  return errors;
}
