import type { RealtimeChannel } from "@supabase/supabase-js";

/** Subscribes `channel` and resolves once the server confirms it; rejects on an error or after `timeoutMs`. */
export function subscribed(channel: RealtimeChannel, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`realtime: not subscribed within ${timeoutMs} ms`)), timeoutMs);
    channel.subscribe((status, error) => {
      if (status === "SUBSCRIBED") {
        clearTimeout(timer);
        resolve();
      } else if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") {
        clearTimeout(timer);
        reject(error ?? new Error(`realtime: ${status}`));
      }
    });
  });
}
