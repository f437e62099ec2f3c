import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import { DataError } from "./data-error";

/** Holds one of the user's active-sandbox slots; null when all are taken. Atomic in Postgres. */
export async function reserveSandboxSlot(userId: string, limit: number): Promise<string | null> {
  const { data, error } = await createServiceClient().rpc("reserve_sandbox_slot", {
    p_user_id: userId,
    p_limit: limit,
  });
  if (error) throw new DataError("check the sandbox limit", error);
  return data;
}

export async function releaseSandboxSlot(reservationId: string): Promise<void> {
  const { error } = await createServiceClient().rpc("release_sandbox_slot", { p_reservation: reservationId });
  if (error) throw new DataError("release a sandbox slot", error);
}
