"use client";

import { useEffect } from "react";
import { useSWRConfig } from "swr";
import type { RealtimeChannel } from "@supabase/supabase-js";
import { createClient } from "@/lib/supabase/client";
import { changeFromPayload } from "@/lib/sandbox/realtime/apply-sandbox-change";
import { revalidateSandboxCaches, writeChangeToCache } from "@/lib/sandbox/realtime/cache-writer";
import type { LiveStatusStore } from "@/lib/sandbox/realtime/live-status-store";

/**
 * The one realtime subscription of a signed-in user: every change to their `sandbox_instances`
 * rows goes into SWR's cache, where lists, details and the widget read it. Call it once, high in
 * the tree (SandboxLiveProvider). Each (re)subscribe asks the API again: realtime has no replay.
 * The connection's state and each change's time go to `status`.
 */
export function useSandboxRealtime(userId: string | null, status: LiveStatusStore): void {
  const { cache, mutate } = useSWRConfig();

  useEffect(() => {
    if (!userId) return;
    const supabase = createClient();
    // A topic of its own per mount: with a fixed one, StrictMode's second mount gets the
    // still-leaving channel back and subscribe() silently does nothing (realtime-js 2.109).
    const topic = `sandbox-instances:${userId}:${crypto.randomUUID()}`;
    let cancelled = false;
    let channel: RealtimeChannel | null = null;

    const open = async () => {
      // The session comes from cookies, not a sign-in on this client, so realtime-js has no token
      // yet: a join sent now would run as anon and RLS would hide every row. Fetch it first.
      await supabase.realtime.setAuth().catch((error: unknown) => console.warn("Realtime auth failed", error));
      if (cancelled) return;
      channel = supabase
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

    const { data } = supabase.auth.onAuthStateChange((event) => {
      if (event === "SIGNED_OUT") void supabase.removeAllChannels();
    });
    return () => {
      data.subscription.unsubscribe();
      cancelled = true;
      if (channel) void supabase.removeChannel(channel);
    };
  }, [userId, status, cache, mutate]);
}
