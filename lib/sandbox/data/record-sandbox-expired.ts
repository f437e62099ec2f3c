import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import { DataError } from "@/lib/supabase/data-error";
import type { ExpiryClaim } from "./claim-expired-sandboxes";

/**
 * Marks a claimed row expired (status, stop_reason, stopped_at), over whatever the orchestrator's
 * destroy wrote. False when the claim was no longer this run's, or the row is gone.
 */
export async function recordSandboxExpired(claim: ExpiryClaim): Promise<boolean> {
  const { data, error } = await createServiceClient().rpc("record_sandbox_expired", {
    p_sandbox_instance_id: claim.id,
    p_claim: claim.claim,
  });
  if (error) throw new DataError("record the sandbox's expiry", error);
  return (data ?? []).length > 0;
}
