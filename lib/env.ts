import { z } from "zod";
import { describeAppOriginsProblem } from "./http/app-origins";

/**
 * Environment schemas, all read at run time: a build holds none of their values. The public part
 * reaches the browser through the dashboard layout; server-only values are read through
 * `lib/env.server.ts`. `next.config.ts` and `instrumentation.ts` call `describeEnvProblems` so a bad
 * variable stops the server at start.
 */

type Check = (value: string) => string | null;

/** Unset and blank mean the same: `FOO=` in a .env file is "not configured". */
function variable(...checks: Check[]) {
  return z
    .preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z.string({ error: (issue) => (issue.input === undefined ? "is missing" : "must be a string") }),
    )
    .superRefine((value, ctx) => {
      for (const check of checks) {
        const problem = check(value);
        if (problem) {
          ctx.addIssue({ code: "custom", message: problem });
          return;
        }
      }
    });
}

const httpUrl: Check = (value) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an http:// or https:// URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http:// or https:// URL";
  if (url.search || url.hash) return "must not contain a query string or fragment";
  return null;
};

const noTrailingSlash: Check = (value) => (value.endsWith("/") ? "must not end with a slash" : null);

const noWhitespace: Check = (value) => (/\s/.test(value) ? "must not contain whitespace" : null);

function jwtRole(value: string): string | null {
  const payload = value.split(".")[1];
  if (value.split(".").length !== 3 || !payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const role: unknown = (JSON.parse(json) as { role?: unknown }).role;
    return typeof role === "string" ? role : null;
  } catch {
    return null;
  }
}

const publishableKey: Check = (value) => {
  if (value.startsWith("sb_secret_") || jwtRole(value) === "service_role")
    return "is a secret key; it must never be public — use the publishable (anon) key";
  if (value.startsWith("sb_publishable_") || jwtRole(value) === "anon") return null;
  return "must be a publishable key (sb_publishable_...) or a legacy anon JWT";
};

const secretKey: Check = (value) => {
  if (value.startsWith("sb_secret_") || jwtRole(value) === "service_role") return null;
  return "must be a secret key (sb_secret_...) or a legacy service_role JWT";
};

const appOriginList: Check = (value) => describeAppOriginsProblem(value);

const positiveInteger: Check = (value) => (/^[1-9]\d*$/.test(value) ? null : "must be a positive whole number");

function optionalPositiveInteger(fallback: number) {
  return z
    .preprocess((value) => (value === "" ? undefined : value), variable(positiveInteger).optional())
    .transform((value) => (value === undefined ? fallback : Number(value)));
}

const atLeast32Characters: Check = (value) => (value.length >= 32 ? null : "must be at least 32 characters (e.g. openssl rand -hex 32)");

const wholeNumber: Check = (value) => (/^(0|[1-9]\d*)$/.test(value) ? null : "must be a whole number (0 or more)");

const publicEnvSchema = z.object({
  NEXT_PUBLIC_SUPABASE_URL: variable(httpUrl, noTrailingSlash),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: variable(noWhitespace, publishableKey),
});

export const serverEnvSchema = z.object({
  SUPABASE_SECRET_KEY: variable(noWhitespace, secretKey),
  MATRX_ORCHESTRATOR_URL: variable(httpUrl, noTrailingSlash),
  MATRX_ORCHESTRATOR_API_KEY: variable(noWhitespace),
  MATRX_ORCHESTRATOR_TIMEOUT_MS: optionalPositiveInteger(15_000),
  SANDBOX_ACTIVE_LIMIT: optionalPositiveInteger(5),
  SANDBOX_EXEC_RATE_LIMIT: optionalPositiveInteger(20),
  SANDBOX_EXEC_RATE_WINDOW_SECONDS: optionalPositiveInteger(10),
  SANDBOX_TOOL_EXEC_RATE_LIMIT: optionalPositiveInteger(150),
  APP_ORIGINS: variable(appOriginList),
  TRUSTED_PROXY_HOPS: z
    .preprocess((value) => (value === "" ? undefined : value), variable(wholeNumber).optional())
    .transform((value) => (value === undefined ? 0 : Number(value))),
  // Unset: the scheduled routes refuse every call.
  CRON_SECRET: z.preprocess((value) => (value === "" ? undefined : value), variable(noWhitespace, atLeast32Characters).optional()),
});

export type PublicEnv = z.infer<typeof publicEnvSchema>;
export type ServerEnv = z.infer<typeof serverEnvSchema>;

type EnvSource = Record<string, string | undefined>;

function problemsOf(result: z.ZodSafeParseResult<unknown>): string[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
}

/** One line per bad variable, naming it; values are never printed (they may be secrets). */
export function describeEnvProblems(source: EnvSource): string | null {
  const problems = [...problemsOf(publicEnvSchema.safeParse(source)), ...problemsOf(serverEnvSchema.safeParse(source))];
  if (problems.length === 0) return null;
  return ["Invalid environment configuration (see .env.example):", ...problems.map((problem) => `  - ${problem}`)].join("\n");
}

class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv<T extends z.ZodType>(schema: T, source: EnvSource): z.infer<T> {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(`Invalid environment configuration: ${problemsOf(result).join("; ")}`);
  }
  return result.data;
}

let publicEnv: PublicEnv | undefined;

/**
 * The public variables as the server runs with them, read when first asked (on the server only:
 * the browser gets them from the dashboard layout). Read by a computed name so Next does not inline
 * the values it saw at build time: one build runs against any Supabase project.
 */
export function getPublicEnv(): PublicEnv {
  const read = (name: keyof PublicEnv) => process.env[name];
  publicEnv ??= parseEnv(publicEnvSchema, {
    NEXT_PUBLIC_SUPABASE_URL: read("NEXT_PUBLIC_SUPABASE_URL"),
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: read("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY"),
  });
  return publicEnv;
}
