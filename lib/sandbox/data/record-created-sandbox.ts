import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import type { SandboxResponse } from "@/lib/orchestrator/contract";
import { toSandboxInstance } from "../to-sandbox-instance";
import type { SandboxInstance } from "../types";
import { DataError } from "@/lib/supabase/data-error";

export interface CreatedSandbox {
  reservationId: string;
  userId: string;
  sandbox: SandboxResponse;
  config: Record<string, unknown>;
  ttlSeconds: number;
  projectId: string | null;
}

/** Makes sure exactly one row exists for the new sandbox, with the lifetime the user chose, and frees the slot hold. */
export async function recordCreatedSandbox(created: CreatedSandbox): Promise<SandboxInstance> {
  const { sandbox } = created;
  const { data, error } = await createServiceClient()
    .rpc("record_created_sandbox", {
      p_reservation: created.reservationId,
      p_user_id: created.userId,
      p_sandbox_id: sandbox.sandbox_id,
      p_status: sandbox.status,
      p_container_id: sandbox.container_id ?? undefined,
      p_hot_path: sandbox.hot_path,
      p_cold_path: sandbox.cold_path,
      p_config: JSON.stringify(created.config),
      p_ttl_seconds: created.ttlSeconds,
      p_project_id: created.projectId ?? undefined,
    })
    .single();
  if (error) throw new DataError("record the new sandbox", error);
  return toSandboxInstance(data);
}
