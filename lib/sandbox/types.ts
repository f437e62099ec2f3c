import type { Database } from "@/types/supabase";
import type { SandboxStatus } from "./status";

export type { SandboxStatus };

export type SandboxInstance = Omit<Database["public"]["Tables"]["sandbox_instances"]["Row"], "status"> & {
  status: SandboxStatus;
};

export interface SandboxListResponse {
  instances: SandboxInstance[];
  pagination: { total: number; limit: number; offset: number; hasMore: boolean };
}

export interface ExecResponse {
  exit_code: number;
  stdout: string;
  stderr: string;
  cwd: string;
}
