import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/types/supabase";
import type { ListQuery } from "../schemas";
import type { SandboxInstance } from "../types";
import { toSandboxInstance } from "../to-sandbox-instance";
import { DataError } from "./data-error";

/** The caller's sandboxes, newest first, through RLS. */
export async function listSandboxes(
  supabase: SupabaseClient<Database>,
  query: ListQuery,
): Promise<{ instances: SandboxInstance[]; total: number }> {
  const filtered = <T extends { in(column: "status", values: string[]): T }>(request: T) =>
    query.status.length > 0 ? request.in("status", query.status) : request;
  const { data, count, error, status } = await filtered(
    supabase
      .from("sandbox_instances")
      .select("*", { count: "exact" })
      .order("created_at", { ascending: false })
      .order("id", { ascending: true })
      .range(query.offset, query.offset + query.limit - 1),
  );
  if (error && isPastTheEnd(error, status)) {
    // PostgREST answers 416 for an offset past the last row: that page is simply empty.
    const counted = await filtered(supabase.from("sandbox_instances").select("*", { count: "exact", head: true }));
    if (counted.error) throw new DataError("list sandboxes", counted.error);
    return { instances: [], total: counted.count ?? 0 };
  }
  if (error) throw new DataError("list sandboxes", error);
  return { instances: data.map(toSandboxInstance), total: count ?? 0 };
}

function isPastTheEnd(error: { code?: string }, status: number): boolean {
  return status === 416 || error.code === "PGRST103";
}
