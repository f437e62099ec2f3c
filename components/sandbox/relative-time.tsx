"use client";

import { useNow } from "@/hooks/use-now";
import { formatExact, formatRelative } from "@/lib/sandbox/format";
import { Tooltip } from "@/components/ui/tooltip";

/**
 * "5 min ago", with the exact time and zone on hover or focus. `focusable={false}` where many are
 * listed (a list's rows): a tab stop each would bury the actions; the exact time is in its title.
 */
export function RelativeTime({ at, prefix = "", focusable = true }: { at: string; prefix?: string; focusable?: boolean }) {
  const now = useNow(15_000);
  const time = Date.parse(at);
  if (!Number.isFinite(time)) return <span className="text-muted">unknown</span>;
  const exact = formatExact(time);
  if (!focusable)
    return (
      <time suppressHydrationWarning dateTime={new Date(time).toISOString()} title={exact}>
        {prefix}
        {formatRelative(time, now)}
      </time>
    );
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
