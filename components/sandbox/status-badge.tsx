"use client";

import { CircleCheck, CircleStop, CircleX, Loader2, Play, TimerOff, type LucideIcon } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Tooltip } from "@/components/ui/tooltip";
import { formatExact, statusLabels, stopReasonText } from "@/lib/sandbox/format";
import { isTransitional, type SandboxStatus } from "@/lib/sandbox/status";
import { cn } from "@/components/ui/cn";

const looks: Record<SandboxStatus, { tone: BadgeTone; icon: LucideIcon }> = {
  creating: { tone: "info", icon: Loader2 },
  starting: { tone: "info", icon: Loader2 },
  ready: { tone: "success", icon: CircleCheck },
  running: { tone: "success", icon: Play },
  shutting_down: { tone: "warning", icon: Loader2 },
  stopped: { tone: "neutral", icon: CircleStop },
  failed: { tone: "danger", icon: CircleX },
  expired: { tone: "neutral", icon: TimerOff },
};

/**
 * A status as icon, word and colour (never colour alone); a spinner while it is changing. An ended
 * sandbox's badge is focusable and its tooltip says why and when it ended.
 */
export function StatusBadge({
  status,
  stopReason = null,
  stoppedAt = null,
  className,
  focusable = true,
}: {
  status: SandboxStatus;
  /** False in a list, where the row says why it ended in words and a tab stop per badge would bury the actions. */
  focusable?: boolean;
  stopReason?: string | null;
  stoppedAt?: string | null;
  className?: string;
}) {
  const { tone, icon: Icon } = looks[status];
  const reason = stopReasonText(stopReason);
  const badge = (
    <Badge tone={tone} className={className} data-status={status} tabIndex={reason && focusable ? 0 : undefined}>
      <Icon aria-hidden="true" className={cn(isTransitional(status) && "animate-spin")} />
      {statusLabels[status]}
    </Badge>
  );
  if (!reason || !focusable) return badge;
  const when = stoppedAt && Number.isFinite(Date.parse(stoppedAt)) ? ` · ${formatExact(Date.parse(stoppedAt))}` : "";
  return <Tooltip content={`${statusLabels[status]}: ${reason}${when}`}>{badge}</Tooltip>;
}
