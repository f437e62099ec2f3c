import type { ExecResult } from "@/lib/orchestrator/contract";
import type { Database } from "@/types/supabase";
import type { SandboxStatus } from "./status";

export type { SandboxStatus };

export type SandboxInstance = Omit<Database["public"]["Tables"]["sandbox_instances"]["Row"], "status"> & {
  status: SandboxStatus;
};

/** The exec route answers with the orchestrator's result as it is. */
export type ExecResponse = ExecResult;
