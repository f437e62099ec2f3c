import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/types/supabase";
import { sandboxIdSchema, type ListQuery } from "../schemas";
import type { SandboxInstance } from "../types";
import { DataError } from "./data-error";

/** The caller's sandboxes through RLS, newest first or least time left first, optionally searched. */
export async function listSandboxes(
  supabase: SupabaseClient<Database>,
  query: ListQuery,
): Promise<{ instances: SandboxInstance[]; total: number }> {
  let request = supabase.from("sandbox_instances").select("*", { count: "exact" });
  if (query.sort === "expires") request = request.order("expires_at", { ascending: true, nullsFirst: false });
  request = request
    .order("created_at", { ascending: false })
    .order("id", { ascending: true })
    .range(query.offset, query.offset + query.limit - 1);
  if (query.status.length > 0) request = request.in("status", query.status);
  if (query.q) {
    const filter = await searchFilter(supabase, query.q);
    if (filter === null) return { instances: [], total: 0 };
    request = request.or(filter);
  }
  const { data, count, error } = await request;
  if (error) throw new DataError("list sandboxes", error);
  return { instances: data as SandboxInstance[], total: count ?? 0 };
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
