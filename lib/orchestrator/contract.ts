import { z } from "zod";
import type { execSchema } from "@/lib/sandbox/schemas";
import { sandboxStatuses } from "./sandbox-statuses";

export { sandboxStatuses };

/** Shapes of the orchestrator's answers, as docs/orchestrator-contract.md defines them. */

export const sandboxResponseSchema = z.object({
  sandbox_id: z.string(),
  user_id: z.string(),
  status: z.enum(sandboxStatuses),
  container_id: z.string().nullable(),
  created_at: z.string(),
  hot_path: z.string(),
  cold_path: z.string(),
  config: z.record(z.string(), z.unknown()),
  ssh_port: z.number().int().nullable(),
  ttl_seconds: z.number().int(),
});
export type SandboxResponse = z.infer<typeof sandboxResponseSchema>;

export const execResultSchema = z.object({
  exit_code: z.number().int(),
  stdout: z.string(),
  stderr: z.string(),
  cwd: z.string(),
});
export type ExecResult = z.infer<typeof execResultSchema>;

/** The dashboard's exec schema enforces the contract's limits, so a request it accepts is one the orchestrator takes. */
export type ExecRequest = z.output<typeof execSchema>;

/** FastAPI error bodies: a message, or a list of validation problems. */
export const errorBodySchema = z.object({
  detail: z.union([z.string(), z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])).optional(), msg: z.string() }))]),
});

/** `POST /sandboxes/{id}/access`: a new key pair whose public half the sandbox now accepts; the private key exists only in this answer. */
export const accessResultSchema = z.object({
  private_key: z.string().min(1),
  username: z.string().min(1),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  ssh_command: z.string(),
});
export type AccessResult = z.infer<typeof accessResultSchema>;
