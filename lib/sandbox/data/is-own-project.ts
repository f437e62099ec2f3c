import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/types/supabase";
import { DataError } from "@/lib/supabase/data-error";

/** Whether the caller can see this project (RLS decides). */
export async function isOwnProject(supabase: SupabaseClient<Database>, projectId: string): Promise<boolean> {
  const { data, error } = await supabase.from("projects").select("id").eq("id", projectId).maybeSingle();
  if (error) throw new DataError("read the project", error);
  return data !== null;
}
