import type { SupabaseClient } from "@supabase/supabase-js";
import { DataError } from "@/lib/supabase/data-error";
import type { Database } from "@/types/supabase";
import type { ListQuery } from "../schemas";
import { toSandboxInstance } from "../to-sandbox-instance";
import type { SandboxInstance } from "../types";

/** GET /api/sandbox's answer; a server page builds the same object for SWR's fallback. */
export interface SandboxListResponse {
  instances: SandboxInstance[];
  pagination: { total: number; limit: number; offset: number; hasMore: boolean };
}

/** The caller's sandboxes, newest first, through RLS. */
export async function listSandboxes(supabase: SupabaseClient<Database>, query: ListQuery): Promise<SandboxListResponse> {
  let request = supabase
    .from("sandbox_instances")
    .select("*", { count: "exact" })
    .order("created_at", { ascending: false })
    .order("id", { ascending: true })
    .range(query.offset, query.offset + query.limit - 1);
  if (query.status.length > 0) request = request.in("status", query.status);
  const { data, count, error } = await request;
  if (error) throw new DataError("list sandboxes", error);
  const instances = data.map(toSandboxInstance);
  const total = count ?? 0;
  return {
    instances,
    pagination: { total, limit: query.limit, offset: query.offset, hasMore: query.offset + instances.length < total },
  };
}
