import type { RealtimeChannel } from "@supabase/supabase-js";
import type { SimulatedUser } from "./simulated-users.ts";

export interface SeenChange {
  type: "INSERT" | "UPDATE" | "DELETE";
  id: string;
  userId: string | null;
  status: string | null;
}

export interface RealtimeWatch {
  user: SimulatedUser;
  seen: SeenChange[];
  /** Times the channel left SUBSCRIBED after it first got there. */
  drops: number;
  close(): Promise<void>;
}

/** The channel the dashboard opens for a user (hooks/use-sandbox-realtime.ts), recording every change it delivers. */
export function watchRealtime(user: SimulatedUser): Promise<RealtimeWatch> {
  const seen: SeenChange[] = [];
  let drops = 0;
  let subscribed = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${user.email}: realtime did not subscribe within 30 s`)), 30_000);
    const channel: RealtimeChannel = user.client
      .channel(`sandbox-load-${user.userId}`)
      .on(
        "postgres_changes",
        { event: "*", schema: "public", table: "sandbox_instances", filter: `user_id=eq.${user.userId}` },
        (payload) => {
          const row = (payload.eventType === "DELETE" ? payload.old : payload.new) as { id?: string; user_id?: string; status?: string };
          seen.push({ type: payload.eventType, id: row.id ?? "", userId: row.user_id ?? null, status: row.status ?? null });
        },
      )
      .subscribe((state) => {
        if (state === "SUBSCRIBED" && !subscribed) {
          subscribed = true;
          clearTimeout(timer);
          resolve({
            user,
            seen,
            get drops() {
              return drops;
            },
            async close() {
              await user.client.removeChannel(channel);
              await user.client.realtime.disconnect();
            },
          });
        } else if (subscribed && state !== "SUBSCRIBED") {
          drops++;
        }
      });
  });
}
