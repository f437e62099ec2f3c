import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import { DataError } from "@/lib/supabase/data-error";

export interface ExpiryClaim {
  /** The row's id (the id in dashboard URLs). */
  id: string;
  /** The orchestrator's id. */
  sandboxId: string;
  /** Proves to record_sandbox_expired that this run still holds the row. */
  claim: string;
}

/**
 * How long a claim holds a row: longer than a destroy may take (four times the orchestrator
 * timeout), so only a run that died leaves a row to the next one this way.
 */
const expiryLeaseSeconds = 300;

/** Claims up to `limit` sandboxes past their expiry (only `userId`'s when given); no other run gets them. */
export async function claimExpiredSandboxes(options: { limit: number; userId?: string }): Promise<ExpiryClaim[]> {
  const { data, error } = await createServiceClient().rpc("claim_expired_sandboxes", {
    p_limit: options.limit,
    p_lease_seconds: expiryLeaseSeconds,
    ...(options.userId ? { p_user_id: options.userId } : {}),
  });
  if (error) throw new DataError("find the expired sandboxes", error);
  return (data ?? []).map((row) => ({ id: row.sandbox_instance_id, sandboxId: row.sandbox_id, claim: row.claim }));
}
