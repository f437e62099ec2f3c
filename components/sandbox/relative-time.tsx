"use client";

import { useNow } from "@/hooks/use-now";
import { formatExact, formatRelative } from "@/lib/sandbox/format";
import { Tooltip } from "@/components/ui/tooltip";

/** "5 min ago", with the exact time and zone on hover or focus. */
export function RelativeTime({ at, prefix = "" }: { at: string; prefix?: string }) {
  const now = useNow(15_000);
  const time = Date.parse(at);
  if (!Number.isFinite(time)) return <span className="text-muted">unknown</span>;
  const exact = formatExact(time);
  return (
    <Tooltip content={exact}>
      <time
        suppressHydrationWarning
        dateTime={new Date(time).toISOString()}
        tabIndex={0}
        title={exact}
        className="cursor-default underline decoration-dotted decoration-muted underline-offset-4"
      >
        {prefix}
        {formatRelative(time, now)}
      </time>
    </Tooltip>
  );
}
