import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import { DataError } from "@/lib/supabase/data-error";
import type { ExpiryClaim } from "./claim-expired-sandboxes";

/** Gives a claimed row back, so the next run tries it again. */
export async function releaseExpiryClaim(claim: ExpiryClaim): Promise<void> {
  const { error } = await createServiceClient().rpc("release_expiry_claim", {
    p_sandbox_instance_id: claim.id,
    p_claim: claim.claim,
  });
  if (error) throw new DataError("release an expiry claim", error);
}
