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
    return page(query, [], counted.count ?? 0);
  }
  if (error) throw new DataError("list sandboxes", error);
  return page(query, data.map(toSandboxInstance), count ?? 0);
}

function page(query: ListQuery, instances: SandboxInstance[], total: number): SandboxListResponse {
  return { instances, pagination: { total, limit: query.limit, offset: query.offset, hasMore: query.offset + instances.length < total } };
}

function isPastTheEnd(error: { code?: string }, status: number): boolean {
  return status === 416 || error.code === "PGRST103";
}
