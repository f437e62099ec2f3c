import type { ExecResult } from "@/lib/orchestrator/contract";
import type { Database } from "@/types/supabase";
import type { SandboxStatus } from "./status";

export type { SandboxStatus };

export type SandboxInstance = Omit<Database["public"]["Tables"]["sandbox_instances"]["Row"], "status"> & {
  status: SandboxStatus;
};

/** One page of GET /api/sandbox: the answer, a server page's SWR fallback and a list key's cached data. */
export interface SandboxListPage {
  instances: SandboxInstance[];
  pagination: { total: number; limit: number; offset: number; hasMore: boolean };
}

/**
 * The exec route's answer: what the command printed, its exit code and where its shell ended;
 * `truncated` when its output passed 1 MiB and was cut (each cut stream ends with a notice);
 * `timed_out` when its timeout stopped it (exit code 124, or 137 when it had to be killed).
 */
export type ExecResponse = ExecResult & { truncated?: true; timed_out?: true };
