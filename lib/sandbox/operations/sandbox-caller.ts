import type { SupabaseClient } from "@supabase/supabase-js";
import type { OrchestratorClient } from "@/lib/orchestrator/client";
import type { Database } from "@/types/supabase";

export interface SandboxCaller {
  userId: string;
  supabase: SupabaseClient<Database>;
  orchestrator: OrchestratorClient;
}
