import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/types/supabase";

export interface ProjectOption {
  id: string;
  name: string;
}

/** The caller's projects (RLS: projects_owner_all), by name; for the create dialog and project names in lists. */
export async function listProjects(supabase: SupabaseClient<Database>): Promise<ProjectOption[]> {
  const { data, error } = await supabase.from("projects").select("id, name").order("name", { ascending: true }).limit(500);
  if (error) throw new Error(`Could not list projects: ${error.message}`);
  return data;
}
