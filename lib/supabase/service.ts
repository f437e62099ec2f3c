import "server-only";
import { createClient as createSupabaseClient } from "@supabase/supabase-js";
import { getPublicEnv } from "@/lib/env";
import { getServerEnv } from "@/lib/env.server";
import type { Database } from "@/types/supabase";

let client: ReturnType<typeof createSupabaseClient<Database>> | undefined;

/**
 * The service-role client: it bypasses RLS. Only route handlers use it, to write
 * rows after they have checked through the user's own client that the row is theirs.
 */
export function createServiceClient() {
  client ??= createSupabaseClient<Database>(getPublicEnv().NEXT_PUBLIC_SUPABASE_URL, getServerEnv().SUPABASE_SECRET_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return client;
}
