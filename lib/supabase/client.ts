"use client";

import { createBrowserClient } from "@supabase/ssr";
import type { BrowserSupabaseConfig } from "./load-browser-client";

/** A Supabase client for Client Components; it shares the session cookies set by the server. */
export function createClient({ url, publishableKey }: BrowserSupabaseConfig) {
  return createBrowserClient(url, publishableKey);
}
