"use client";

import { useEffect } from "react";
import { useSWRConfig } from "swr";
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { loadBrowserClient, type BrowserSupabaseConfig } from "@/lib/supabase/load-browser-client";
import { revalidateSandboxCaches, writeChangeToCache } from "@/lib/sandbox/cache/write-change-to-cache";
import type { LiveStatusStore } from "@/lib/sandbox/realtime/live-status-store";

/**
 * The one realtime subscription of a signed-in user: every change to their `sandbox_instances`
 * rows goes into SWR's cache, where lists, details and the widget read it. Call it once, high in
 * the tree (SandboxLiveProvider). Each (re)subscribe asks the API again: realtime has no replay.
 * The connection's state and each change's time go to `status`.
 */
export function useSandboxRealtime(userId: string | null, status: LiveStatusStore, supabaseConfig: BrowserSupabaseConfig): void {
  const { cache, mutate } = useSWRConfig();
  const { url, publishableKey } = supabaseConfig;

  useEffect(() => {
    if (!userId) return;
    // A topic of its own per mount: with a fixed one, StrictMode's second mount gets the
    // still-leaving channel back and subscribe() silently does nothing (realtime-js 2.109).
    const topic = `sandbox-instances:${userId}:${crypto.randomUUID()}`;
    let cancelled = false;
    let supabase: SupabaseClient | null = null;
    let channel: RealtimeChannel | null = null;
    let stopListening = () => {};

    // supabase-js and the row check (zod) arrive after the page is shown (see loadBrowserClient);
    // until they are here, and while their download fails, the pages poll.
    const load = async () => {
      while (!cancelled) {
        try {
          const [client, { changeFromPayload }] = await Promise.all([
            loadBrowserClient({ url, publishableKey }),
            import("@/lib/sandbox/realtime/change-from-payload"),
          ]);
          return { client, changeFromPayload };
        } catch (error) {
          if (cancelled) break;
          console.warn("Could not load the realtime client; trying again in 5 s", error);
          status.setRealtime("reconnecting");
          await new Promise((resolve) => setTimeout(resolve, 5_000));
        }
      }
      return null;
    };

    const open = async () => {
      const loaded = await load();
      if (!loaded || cancelled) return;
      const { client, changeFromPayload } = loaded;
      supabase = client;
      const { data } = client.auth.onAuthStateChange((event) => {
        if (event === "SIGNED_OUT") void client.removeAllChannels();
      });
      stopListening = () => data.subscription.unsubscribe();
      // The session comes from cookies, not a sign-in on this client, so realtime-js has no token
      // yet: a join sent now would run as anon and RLS would hide every row. Fetch it first.
      await client.realtime.setAuth().catch((error: unknown) => console.warn("Realtime auth failed", error));
      if (cancelled) return;
      channel = client
        .channel(topic)
        .on("postgres_changes", { event: "*", schema: "public", table: "sandbox_instances", filter: `user_id=eq.${userId}` }, (payload) => {
          const change = changeFromPayload(payload);
          if (!change) {
            console.warn("Ignored a malformed sandbox change from realtime", payload);
            return;
          }
          writeChangeToCache(cache, mutate, change);
          status.markUpdated(Date.now());
        })
        .subscribe((channelState) => {
          // A channel being removed (this mount's cleanup) reports CLOSED: not a lost connection.
          if (cancelled) return;
          if (channelState === "SUBSCRIBED") {
            status.setRealtime("live");
            revalidateSandboxCaches(cache, mutate);
          } else {
            status.setRealtime("reconnecting");
          }
        });
    };
    void open();

    return () => {
      cancelled = true;
      stopListening();
      if (supabase && channel) void supabase.removeChannel(channel);
    };
  }, [userId, status, cache, mutate, url, publishableKey]);
}
