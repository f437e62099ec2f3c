import type { SupabaseClient } from "@supabase/supabase-js";
import { DataError } from "@/lib/supabase/data-error";
import type { Database } from "@/types/supabase";
import { sandboxIdSchema, type ListQuery } from "../schemas";
import { toSandboxInstance } from "../to-sandbox-instance";
import type { SandboxInstance, SandboxListPage } from "../types";

/** The caller's sandboxes through RLS, newest first or least time left first, optionally searched. */
export async function listSandboxes(supabase: SupabaseClient<Database>, query: ListQuery): Promise<SandboxListPage> {
  const search = query.q ? await searchFilter(supabase, query.q) : undefined;
  if (search === null) return page(query, [], 0);
  const filtered = <T extends { in(column: "status", values: string[]): T; or(filter: string): T }>(request: T) => {
    let narrowed = query.status.length > 0 ? request.in("status", query.status) : request;
    if (search) narrowed = narrowed.or(search);
    return narrowed;
  };
  let request = supabase.from("sandbox_instances").select("*", { count: "exact" });
  if (query.sort === "expires") request = request.order("expires_at", { ascending: true, nullsFirst: false });
  const { data, count, error, status } = await filtered(
    request
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

function page(query: ListQuery, instances: SandboxInstance[], total: number): SandboxListPage {
  return { instances, pagination: { total, limit: query.limit, offset: query.offset, hasMore: query.offset + instances.length < total } };
}

function isPastTheEnd(error: { code?: string }, status: number): boolean {
  return status === 416 || error.code === "PGRST103";
}

/**
 * A PostgREST `or` filter: the sandbox id contains q, the row id is q, or the project's name contains q;
 * null when nothing can match. User text never goes into the filter string (quoting there differs
 * between PostgREST and the local stack): a project name is matched with its own query, and only a
 * q made of id characters is matched against ids.
 */
async function searchFilter(supabase: SupabaseClient<Database>, q: string): Promise<string | null> {
  const terms: string[] = [];
  if (/^[A-Za-z0-9-]+$/.test(q)) terms.push(`sandbox_id.ilike.*${q}*`);
  if (sandboxIdSchema.safeParse(q).success) terms.push(`id.eq.${q}`);
  // PostgREST reads * in a pattern as % and has no escape for it: such a text matches no project.
  if (!q.includes("*")) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const projects = await supabase.from("projects").select("id").ilike("name", pattern);
    if (projects.error) throw new DataError("search projects", projects.error);
    if (projects.data.length > 0) terms.push(`project_id.in.(${projects.data.map((p) => p.id).join(",")})`);
  }
  return terms.length > 0 ? terms.join(",") : null;
}
