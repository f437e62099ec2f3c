import type { ExecResult } from "@/lib/orchestrator/contract";
import type { Database } from "@/types/supabase";
import type { SandboxStatus } from "./status";

export type { SandboxStatus };

export type SandboxInstance = Omit<Database["public"]["Tables"]["sandbox_instances"]["Row"], "status"> & {
  status: SandboxStatus;
};

/** The exec route answers with the orchestrator's result; `truncated` when stdout and stderr together passed 1 MiB of JSON and were cut (each ends with a notice). */
export type ExecResponse = ExecResult & { truncated?: true };
