"use client";

import { useLiveStatus } from "@/hooks/use-sandbox-live";
import { cn } from "@/components/ui/cn";
import { formatExact, formatTimeOfDay } from "@/lib/sandbox/format";

/**
 * How fresh the data is, said quietly: "Live", "Reconnecting…", "Updating every 10 s", with the last
 * update. Only the connection's state is a live region: the time of each update is not announced.
 */
export function LiveIndicator() {
  const { realtime, lastUpdateAt } = useLiveStatus();
  const live = realtime === "live";
  return (
    <p className="flex items-center gap-2 text-xs text-muted" data-testid="live-indicator" data-realtime={realtime}>
      <span className={cn("size-2 rounded-full", live ? "bg-success" : "bg-warning")} aria-hidden="true" />
      <span role="status">{live ? "Live" : realtime === "connecting" ? "Connecting…" : "Reconnecting… · updating every 10 s"}</span>
      {lastUpdateAt && (
        <span title={formatExact(lastUpdateAt)} suppressHydrationWarning>
          · updated {formatTimeOfDay(lastUpdateAt)}
        </span>
      )}
    </p>
  );
}
