import { z } from "zod";
import { sandboxStatuses } from "@/lib/orchestrator/sandbox-statuses";
import { findJsonProblem, hasUnstorableText, maxJsonDepth } from "./json-text";
import {
  execTimeoutLimits,
  listPageSize,
  listSorts,
  maxCommandLength,
  maxConfigBytes,
  maxListLimit,
  maxListOffset,
  reservedConfigKeys,
  ttlLimits,
} from "./request-limits";
import { codePointLength } from "./code-point-length";
import { processSignals } from "./processes/types";
import { fileNameProblem, normalizeFilePath } from "./files/file-path";

/**
 * Request shapes of /api/sandbox, shared by the route handlers and the code that calls them. In the
 * browser, import it with `import()` where input is checked: zod stays out of a page's first load.
 */

export * from "./request-limits";

export const sandboxIdSchema = z.uuid({ error: "must be a sandbox id (a UUID)" });
/** The `[id]` path segment. */
export const sandboxParamsSchema = z.object({ id: sandboxIdSchema });

const storableText = { error: "must not contain NUL characters or unpaired surrogates" };
const storable = (value: string) => !hasUnstorableText(value);

export const listQuerySchema = z.object({
  status: z.array(z.enum(sandboxStatuses, { error: `must be one of ${sandboxStatuses.join(", ")}` })).default([]),
  limit: z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(maxListLimit, { error: `must be at most ${maxListLimit}` })
    .default(listPageSize),
  offset: z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(0, { error: "must not be negative" })
    .max(maxListOffset, { error: `must be at most ${maxListOffset.toLocaleString("en-US")}` })
    .default(0),
  /** Part of the sandbox id (or the whole row id), or of a project's name. */
  // The database refuses NUL in text: searching for it would be a 500, not "no match".
  q: z.string().trim().max(100, { error: "must be at most 100 characters" }).refine(storable, storableText).default(""),
  /** created: newest first; expires: least time left first (rows with no expiry last). */
  sort: z.enum(listSorts, { error: `must be one of ${listSorts.join(", ")}` }).default("created"),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

const configSchema = z.record(z.string(), z.unknown(), { error: "must be a JSON object" }).superRefine((value, ctx) => {
  // Depth and text first: JSON.stringify overflows the stack on deep values, and the
  // database refuses NUL and lone surrogates.
  const problem = findJsonProblem(value);
  if (problem === "too_deep") return ctx.addIssue({ code: "custom", message: `must not nest deeper than ${maxJsonDepth} levels` });
  if (problem === "unstorable_text") return ctx.addIssue({ code: "custom", message: storableText.error });
  if (new TextEncoder().encode(JSON.stringify(value)).length > maxConfigBytes) {
    ctx.addIssue({ code: "custom", message: `must be at most ${maxConfigBytes / 1024} KB of JSON` });
  }
  if (reservedConfigKeys.some((key) => key in value)) {
    ctx.addIssue({
      code: "custom",
      message: `must not set ${reservedConfigKeys.join(" or ")} (the lifetime is ttl_seconds, outside config)`,
    });
  }
});

export const createSandboxSchema = z.strictObject({
  ttl_seconds: z
    .number({ error: "must be a whole number of seconds" })
    .int({ error: "must be a whole number of seconds" })
    .min(ttlLimits.min, { error: `must be at least ${ttlLimits.min} seconds` })
    .max(ttlLimits.max, { error: `must be at most ${ttlLimits.max} seconds (24 hours)` })
    .default(ttlLimits.default),
  config: configSchema.default({}),
  project_id: z.uuid({ error: "must be a project id (a UUID)" }).nullable().optional(),
});
export type CreateSandboxInput = z.input<typeof createSandboxSchema>;

export const updateSandboxSchema = z.strictObject({
  action: z.literal("stop", { error: 'must be "stop"' }),
});

export const execSchema = z.strictObject({
  command: z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .refine((value) => codePointLength(value) <= maxCommandLength, {
      error: `must be at most ${maxCommandLength.toLocaleString("en-US")} characters`,
    })
    .refine(storable, storableText),
  timeout: z
    .number({ error: "must be a whole number of seconds" })
    .int({ error: "must be a whole number of seconds" })
    .min(execTimeoutLimits.min, { error: `must be at least ${execTimeoutLimits.min} second` })
    .max(execTimeoutLimits.max, { error: `must be at most ${execTimeoutLimits.max} seconds` })
    .default(execTimeoutLimits.default),
  cwd: z.string().max(4096, { error: "must be at most 4,096 characters" }).refine(storable, storableText).nullable().optional(),
});
export type ExecInput = z.input<typeof execSchema>;

/** `[id]/processes/[pid]`: a process of the sandbox; pid 1 is the sandbox's own first process. */
export const processParamsSchema = z.object({
  id: sandboxIdSchema,
  pid: z.coerce
    .number({ error: "must be a process id" })
    .int({ error: "must be a process id" })
    .min(2, { error: "must be a process id above 1" })
    .max(4_194_304, { error: "must be a process id" }),
});

export const signalProcessSchema = z.strictObject({
  signal: z.enum(processSignals, { error: `must be one of ${processSignals.join(", ")}` }).default("TERM"),
});
export type SignalProcessInput = z.input<typeof signalProcessSchema>;
/** A path in a sandbox for the Files routes: absolute, made plain (lib/sandbox/files/file-path.ts). */
export const filePathSchema = z.string({ error: "must be a path" }).transform((value, context) => {
  const result = normalizeFilePath(value);
  if ("problem" in result) {
    context.addIssue({ code: "custom", message: result.problem });
    return z.NEVER;
  }
  return result.path;
});

export const fileNameSchema = z.string({ error: "must be a name" }).superRefine((value, context) => {
  const problem = fileNameProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/** GET /files: no path lists the sandbox user's home. */
export const fileListQuerySchema = z.object({ path: filePathSchema.optional() });
/** GET /files/read, /files/download. */
export const filePathQuerySchema = z.object({ path: filePathSchema });
/** POST /files/upload?path=<folder>&name=<name>&replace=1, the file's bytes as the body. */
export const fileUploadQuerySchema = z.object({
  path: filePathSchema,
  name: fileNameSchema,
  replace: z.enum(["0", "1"], { error: "must be 0 or 1" }).default("0"),
});
export const fileMkdirSchema = z.strictObject({ path: filePathSchema, name: fileNameSchema });
export const fileRenameSchema = z.strictObject({ path: filePathSchema, new_name: fileNameSchema });
export const fileDeleteSchema = z.strictObject({ path: filePathSchema });
