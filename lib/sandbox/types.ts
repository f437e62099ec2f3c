import type { Database } from "@/types/supabase";
import type { SandboxStatus } from "./status";

export type { SandboxStatus };

export type SandboxInstance = Omit<Database["public"]["Tables"]["sandbox_instances"]["Row"], "status"> & {
  status: SandboxStatus;
};

export const activeStatuses: readonly SandboxStatus[] = ["creating", "starting", "ready", "running"];
export const terminalStatuses: readonly SandboxStatus[] = ["stopped", "failed", "expired"];
export const execStatuses: readonly SandboxStatus[] = ["ready", "running"];

export interface SandboxListResponse {
  instances: SandboxInstance[];
  pagination: { total: number; limit: number; offset: number; hasMore: boolean };
}

export interface ExecResponse {
  exit_code: number;
  stdout: string;
  stderr: string;
  cwd: string;
  /** Present when stdout and stderr together passed 1 MiB of JSON and were cut (each ends with a notice). */
  truncated?: true;
}
