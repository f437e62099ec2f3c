import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import { ApiError } from "@/lib/api/errors";
import { DataError } from "@/lib/supabase/data-error";

const foreignKeyViolation = "23503";

/** How long a create may hold its slot: longer than the orchestrator's 120 s create. */
export const createHoldSeconds = 180;

/** Holds one of the user's active-sandbox slots; null when all are taken. Atomic in Postgres. */
export async function reserveSandboxSlot(userId: string, limit: number): Promise<string | null> {
  const { data, error } = await createServiceClient().rpc("reserve_sandbox_slot", {
    p_user_id: userId,
    p_limit: limit,
    p_hold_seconds: createHoldSeconds,
  });
  // The user no longer exists (deleted while their token, up to 10 s, still passed): signed out, not a 500.
  if (error?.code === foreignKeyViolation) throw new ApiError("unauthorized", "Your session has ended. Sign in again.");
  if (error) throw new DataError("check the sandbox limit", error);
  return data;
}

export async function releaseSandboxSlot(reservationId: string): Promise<void> {
  const { error } = await createServiceClient().rpc("release_sandbox_slot", { p_reservation: reservationId });
  if (error) throw new DataError("release a sandbox slot", error);
}
