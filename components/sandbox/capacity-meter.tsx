import { cn } from "@/components/ui/cn";

/**
 * "3 of 5 active", with a bar; at the limit it says so. Sandboxes shutting down are listed as active
 * but no longer count: said, so the meter and the Active count do not seem to disagree.
 */
export function CapacityMeter({ used, limit, leaving = 0 }: { used: number; limit: number; leaving?: number }) {
  const full = used >= limit;
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="capacity-meter">
      <meter min={0} max={limit} value={Math.min(used, limit)} aria-label="Active sandboxes" className="sr-only" />
      <div className="flex gap-0.5" aria-hidden="true">
        {Array.from({ length: limit }, (_, index) => (
          <span
            key={index}
            className={cn("h-2.5 w-3 rounded-sm border border-border", index < used && (full ? "bg-warning" : "bg-accent"))}
          />
        ))}
      </div>
      <span className={cn(full && "font-medium text-warning")}>
        {used} of {limit} active{full && " · limit reached"}
        {leaving > 0 && ` · ${leaving} shutting down`}
      </span>
    </div>
  );
}

export const limitReason = (limit: number) => `You have ${limit} active sandboxes, the most allowed. Stop one to create another.`;
