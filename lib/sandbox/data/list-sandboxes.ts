import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/types/supabase";
import type { ListQuery } from "../schemas";
import { toSandboxInstance } from "../to-sandbox-instance";
import type { SandboxInstance } from "../types";
import { DataError } from "@/lib/supabase/data-error";

/** The caller's sandboxes, newest first, through RLS. */
export async function listSandboxes(
  supabase: SupabaseClient<Database>,
  query: ListQuery,
): Promise<{ instances: SandboxInstance[]; total: number }> {
  let request = supabase
    .from("sandbox_instances")
    .select("*", { count: "exact" })
    .order("created_at", { ascending: false })
    .order("id", { ascending: true })
    .range(query.offset, query.offset + query.limit - 1);
  if (query.status.length > 0) request = request.in("status", query.status);
  const { data, count, error } = await request;
  if (error) throw new DataError("list sandboxes", error);
  return { instances: data.map(toSandboxInstance), total: count ?? 0 };
}
