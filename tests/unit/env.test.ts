import { describe, expect, it } from "vitest";
import { describeEnvProblems, parseEnv, serverEnvSchema } from "@/lib/env";

const valid = {
  NEXT_PUBLIC_SUPABASE_URL: "https://abc.supabase.co",
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_abc",
  SUPABASE_SECRET_KEY: "sb_secret_abc",
  MATRX_ORCHESTRATOR_URL: "https://orchestrator.example.com",
  MATRX_ORCHESTRATOR_API_KEY: "key",
  APP_ORIGINS: "https://sandboxes.example.com",
};

function jwt(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256" })}.${part(payload)}.signature`;
}

describe("describeEnvProblems", () => {
  it("accepts a complete environment", () => {
    expect(describeEnvProblems(valid)).toBeNull();
  });

  it("names each missing or blank variable", () => {
    const problems = describeEnvProblems({
      ...valid,
      SUPABASE_SECRET_KEY: undefined,
      MATRX_ORCHESTRATOR_API_KEY: "  ",
      APP_ORIGINS: undefined,
    });
    expect(problems).toContain("APP_ORIGINS is missing");
    expect(problems).toContain("SUPABASE_SECRET_KEY is missing");
    expect(problems).toContain("MATRX_ORCHESTRATOR_API_KEY is missing");
  });

  it.each([
    ["NEXT_PUBLIC_SUPABASE_URL", "abc.supabase.co", "must be an http:// or https:// URL"],
    ["MATRX_ORCHESTRATOR_URL", "ftp://orchestrator", "must be an http:// or https:// URL"],
    ["MATRX_ORCHESTRATOR_URL", "https://orchestrator.example.com/", "must not end with a slash"],
    ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_secret_abc", "is a secret key"],
    ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", jwt({ role: "service_role" }), "is a secret key"],
    ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "hello", "must be a publishable key"],
    ["SUPABASE_SECRET_KEY", "sb_publishable_abc", "must be a secret key"],
    ["MATRX_ORCHESTRATOR_TIMEOUT_MS", "soon", "must be a positive whole number"],
    ["APP_ORIGINS", "sandboxes.example.com", "must list origins like"],
    ["APP_ORIGINS", "https://sandboxes.example.com/app", "must list origins like"],
    ["APP_ORIGINS", "http://localhost:3000,ftp://x", "must list origins like"],
    ["TRUSTED_PROXY_HOPS", "-1", "must be a whole number"],
    ["CRON_SECRET", "too-short", "must be at least 32 characters"],
    ["CRON_SECRET", `${"x".repeat(20)} ${"y".repeat(20)}`, "must not contain whitespace"],
  ])("%s=%s is rejected", (name, value, message) => {
    expect(describeEnvProblems({ ...valid, [name]: value })).toContain(`${name} ${message}`);
  });

  it("accepts legacy anon / service_role JWT keys", () => {
    const legacy = {
      ...valid,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: jwt({ role: "anon" }),
      SUPABASE_SECRET_KEY: jwt({ role: "service_role" }),
    };
    expect(describeEnvProblems(legacy)).toBeNull();
  });

  it("never prints a value", () => {
    expect(describeEnvProblems({ ...valid, SUPABASE_SECRET_KEY: "super secret value" })).not.toContain("super secret");
  });
});

describe("server env", () => {
  it("defaults the orchestrator timeout and parses a given one", () => {
    expect(parseEnv(serverEnvSchema, valid).MATRX_ORCHESTRATOR_TIMEOUT_MS).toBe(15_000);
    expect(parseEnv(serverEnvSchema, { ...valid, MATRX_ORCHESTRATOR_TIMEOUT_MS: "2500" }).MATRX_ORCHESTRATOR_TIMEOUT_MS).toBe(2500);
  });

  it("defaults the sandbox limits", () => {
    const env = parseEnv(serverEnvSchema, valid);
    expect([env.SANDBOX_ACTIVE_LIMIT, env.SANDBOX_EXEC_RATE_LIMIT, env.SANDBOX_EXEC_RATE_WINDOW_SECONDS]).toEqual([5, 20, 10]);
    expect(describeEnvProblems({ ...valid, SANDBOX_ACTIVE_LIMIT: "0" })).toContain("SANDBOX_ACTIVE_LIMIT must be a positive whole number");
  });

  it("leaves CRON_SECRET optional (blank is unset) and keeps a long enough one", () => {
    expect(parseEnv(serverEnvSchema, valid).CRON_SECRET).toBeUndefined();
    expect(parseEnv(serverEnvSchema, { ...valid, CRON_SECRET: "" }).CRON_SECRET).toBeUndefined();
    const secret = "s".repeat(32);
    expect(parseEnv(serverEnvSchema, { ...valid, CRON_SECRET: secret }).CRON_SECRET).toBe(secret);
  });
});
