import { z } from "zod";
import { sandboxStatuses } from "@/lib/orchestrator/sandbox-statuses";
import { reservedConfigKeys } from "./request-limits";
import type { SandboxInstance } from "./types";

const nullableText = z.string().nullable();

/** A `sandbox_instances` row as PostgREST or realtime hands it over. */
const sandboxRowSchema = z.object({
  id: z.string().min(1),
  user_id: z.string().min(1),
  project_id: nullableText,
  sandbox_id: z.string().min(1),
  status: z.enum(sandboxStatuses),
  container_id: nullableText,
  hot_path: nullableText,
  cold_path: nullableText,
  config: z.json().nullable().transform(withoutReservedKeys),
  ttl_seconds: z.number().int(),
  expires_at: nullableText,
  last_heartbeat_at: nullableText,
  stopped_at: nullableText,
  stop_reason: nullableText,
  created_at: z.string(),
  updated_at: z.string(),
});

/**
 * The user's config is what they gave: the production orchestrator writes its whole row back on
 * every status change, config with the dashboard's own keys (ttl_seconds, the reservation marker)
 * included, so they are dropped wherever a row is read.
 */
function withoutReservedKeys(config: z.core.util.JSONType | null): z.core.util.JSONType | null {
  if (config === null || typeof config !== "object" || Array.isArray(config)) return config;
  if (!reservedConfigKeys.some((key) => key in config)) return config;
  const kept = { ...config };
  for (const key of reservedConfigKeys) delete kept[key];
  return kept;
}

export class InvalidSandboxRowError extends Error {
  constructor(readonly issues: string) {
    super(`Not a sandbox_instances row: ${issues}`);
    this.name = "InvalidSandboxRowError";
  }
}

/** Checks a row from the database (or a realtime payload) and types it; throws InvalidSandboxRowError. */
export function toSandboxInstance(row: unknown): SandboxInstance {
  const parsed = sandboxRowSchema.safeParse(row);
  if (!parsed.success) throw new InvalidSandboxRowError(z.prettifyError(parsed.error));
  return parsed.data;
}

/** The same check, answering null instead of throwing (for payloads that may be partial). */
export function parseSandboxInstance(row: unknown): SandboxInstance | null {
  const parsed = sandboxRowSchema.safeParse(row);
  return parsed.success ? parsed.data : null;
}
