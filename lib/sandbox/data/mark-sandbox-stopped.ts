import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import type { Database } from "@/types/supabase";
import { activeStatuses } from "../status";
import { toSandboxInstance } from "../to-sandbox-instance";
import type { SandboxInstance } from "../types";
import { DataError } from "@/lib/supabase/data-error";

type StopReason = NonNullable<Database["public"]["Tables"]["sandbox_instances"]["Row"]["stop_reason"]>;

/**
 * Ends an active row as stopped. A row the orchestrator already ended keeps its own
 * status, time and reason; the row as it is now is returned.
 */
export async function markSandboxStopped(id: string, reason: StopReason): Promise<SandboxInstance> {
  const supabase = createServiceClient();
  const { error } = await supabase
    .from("sandbox_instances")
    .update({ status: "stopped", stopped_at: new Date().toISOString(), stop_reason: reason })
    .eq("id", id)
    .in("status", activeStatuses);
  if (error) throw new DataError("mark the sandbox stopped", error);
  const { data, error: readError } = await supabase.from("sandbox_instances").select("*").eq("id", id).single();
  if (readError) throw new DataError("read the stopped sandbox", readError);
  return toSandboxInstance(data);
}
