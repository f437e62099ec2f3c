import { cn } from "@/components/ui/cn";
import { formatPercent } from "@/lib/sandbox/processes/format-usage";
import { Sparkline } from "./sparkline";

/** One of CPU, memory, disk: the share of the limit as a meter, what it is in words, and its recent line. */
export function UsageCard({
  label,
  share,
  detail,
  history,
}: {
  label: string;
  share: number | null;
  detail: string;
  history?: (number | null)[];
}) {
  const high = share !== null && share >= 0.9;
  return (
    <div className="flex min-w-0 flex-col gap-1.5 rounded-lg border border-border p-3" data-testid={`usage-${label.toLowerCase()}`}>
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        <span className={cn("text-sm tabular-nums", high && "font-medium text-warning")}>
          {share === null ? "—" : formatPercent(share)}
        </span>
      </div>
      {/* A meter needs a value: until there is one (CPU needs two samples) the bar is decoration. */}
      <div
        {...(share === null
          ? { "aria-hidden": true }
          : {
              role: "meter",
              "aria-label": label,
              "aria-valuemin": 0,
              "aria-valuemax": 100,
              "aria-valuenow": Math.round(share * 100),
              "aria-valuetext": `${formatPercent(share)}, ${detail}`,
            })}
        className="h-1.5 overflow-hidden rounded-full bg-border"
      >
        <div
          className={cn("h-full rounded-full", high ? "bg-warning" : "bg-accent")}
          style={{ width: `${Math.round((share ?? 0) * 100)}%` }}
        />
      </div>
      <span className="truncate text-xs text-muted" title={detail}>
        {detail}
      </span>
      {history && <Sparkline values={history} className="h-7 w-full" />}
    </div>
  );
}
