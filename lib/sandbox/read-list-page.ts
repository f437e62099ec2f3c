import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import { log } from "@/lib/log";
import type { Database } from "@/types/supabase";
import type { SandboxListKey } from "./cache/sandbox-keys";
import { listSandboxes } from "./data/list-sandboxes";
import type { SandboxListPage } from "./types";

/**
 * One list key read on the server, through RLS, in the API's answer shape: a page's first paint
 * holds the data and SWR takes it as fallback under the same key. Undefined when the read fails: the
 * browser then asks the API and shows its error.
 */
export async function readListPage(supabase: SupabaseClient<Database>, [, , query]: SandboxListKey): Promise<SandboxListPage | undefined> {
  try {
    return await listSandboxes(supabase, query);
  } catch (error) {
    log.error("server page could not read a sandbox list", { error });
    return undefined;
  }
}
