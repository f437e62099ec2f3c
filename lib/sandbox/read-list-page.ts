import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/types/supabase";
import { listSandboxes } from "./data/list-sandboxes";
import { listViewFromKey, type SandboxListPage } from "./realtime/apply-sandbox-change";
import { listQuerySchema } from "./schemas";
import type { SandboxInstance } from "./types";
import { sandboxKeys } from "./keys";

type ListResult = { instances: SandboxInstance[]; total?: number; pagination?: SandboxListPage["pagination"] };

/**
 * One list key read on the server, through RLS, in the API's answer shape: a page's first paint
 * holds the data and SWR takes it as fallback under the same key. Null when the read fails: the
 * browser then asks the API and shows its error.
 */
export async function readListPage(supabase: SupabaseClient<Database>, key: string): Promise<SandboxListPage | undefined> {
  const view = listViewFromKey(key);
  if (!view) return undefined;
  const params = new URLSearchParams(key.slice(sandboxKeys.listPrefix.length));
  const query = listQuerySchema.parse({ ...view, limit: params.get("limit") ?? undefined, offset: params.get("offset") ?? undefined });
  try {
    const result: ListResult = await listSandboxes(supabase, query);
    if (result.pagination) return { instances: result.instances, pagination: result.pagination };
    const total = result.total ?? result.instances.length;
    return {
      instances: result.instances,
      pagination: { total, limit: query.limit, offset: query.offset, hasMore: query.offset + result.instances.length < total },
    };
  } catch (error) {
    console.error(error);
    return undefined;
  }
}
