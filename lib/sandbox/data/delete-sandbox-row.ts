import "server-only";
import { createServiceClient } from "@/lib/supabase/service";
import { DataError } from "@/lib/supabase/data-error";

export async function deleteSandboxRow(id: string): Promise<void> {
  const { error } = await createServiceClient().from("sandbox_instances").delete().eq("id", id);
  if (error) throw new DataError("delete the sandbox", error);
}
