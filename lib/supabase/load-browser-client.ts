"use client";

import type { SupabaseClient } from "@supabase/supabase-js";

/** Where the browser's client connects: the server's public settings, handed down by the dashboard layout. */
export interface BrowserSupabaseConfig {
  url: string;
  publishableKey: string;
}

let client: SupabaseClient | null = null;
let loading: Promise<SupabaseClient> | null = null;

/**
 * The browser's Supabase client (lib/supabase/client.ts), fetched on first use: supabase-js is a
 * third of a page's JavaScript and only realtime needs it, after the server-rendered page is shown.
 * No first-load module may import lib/supabase/client.ts itself.
 */
export function loadBrowserClient(config: BrowserSupabaseConfig): Promise<SupabaseClient> {
  loading ??= import("./client").then(
    ({ createClient }) => (client = createClient(config)),
    (error: unknown) => {
      loading = null; // a failed chunk download may succeed on the next try
      throw error;
    },
  );
  return loading;
}

/** The client if it has been loaded, else null: nothing of it (no channel, no session listener) exists yet. */
export function loadedBrowserClient(): SupabaseClient | null {
  return client;
}
