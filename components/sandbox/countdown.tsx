"use client";

import { useNow } from "@/hooks/use-now";
import { countdownTone, formatCountdown } from "@/lib/sandbox/format";
import { cn } from "@/components/ui/cn";

const toneClass = { normal: "", warning: "text-warning font-medium", danger: "text-danger font-semibold" } as const;

/** Time left until `expiresAt`, ticking each second: amber under 15 minutes, red under 5. */
export function Countdown({ expiresAt, className }: { expiresAt: string | null; className?: string }) {
  const now = useNow();
  const at = expiresAt === null ? Number.NaN : Date.parse(expiresAt);
  if (!Number.isFinite(at)) return <span className={cn("text-muted", className)}>no expiry</span>;
  const left = at - now;
  const tone = countdownTone(left);
  return (
    <span className={cn("tabular-nums", toneClass[tone], className)} data-tone={tone} suppressHydrationWarning>
      {left <= 0 ? "expiring" : `${formatCountdown(left)} left`}
    </span>
  );
}
