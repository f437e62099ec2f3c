import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import { DataError } from "@/lib/supabase/data-error";
import { createHoldSeconds } from "./sandbox-slots";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True while the create that wrote this row has not recorded it yet: the row's raw config
 * names a slot reservation that still exists. Recording the row removes the reservation, so
 * the marker the production orchestrator writes back into config on every later status
 * change no longer counts. Reads the raw row (service role): the parsed one has no marker.
 */
export async function isCreateInFlight(rowId: string): Promise<boolean> {
  const db = createServiceClient();
  const row = await db.from("sandbox_instances").select("reservation:config->>dashboard_reservation_id").eq("id", rowId).maybeSingle();
  if (row.error) throw new DataError("check whether the sandbox is still being created", row.error);
  const reservation: unknown = row.data?.reservation;
  if (typeof reservation !== "string" || !uuid.test(reservation)) return false;
  const held = await db
    .from("sandbox_create_reservations")
    .select("id", { count: "exact", head: true })
    .eq("id", reservation)
    .gt("created_at", new Date(Date.now() - createHoldSeconds * 1000).toISOString());
  if (held.error) throw new DataError("check whether the sandbox is still being created", held.error);
  return (held.count ?? 0) > 0;
}
