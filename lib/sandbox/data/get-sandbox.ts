import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/types/supabase";
import { toSandboxInstance } from "../to-sandbox-instance";
import type { SandboxInstance } from "../types";
import { DataError } from "@/lib/supabase/data-error";

/** One sandbox by row id, or null when it does not exist or is not the caller's (RLS decides). */
export async function getSandbox(supabase: SupabaseClient<Database>, id: string): Promise<SandboxInstance | null> {
  const { data, error } = await supabase.from("sandbox_instances").select("*").eq("id", id).maybeSingle();
  if (error) throw new DataError("read the sandbox", error);
  return data === null ? null : toSandboxInstance(data);
}
