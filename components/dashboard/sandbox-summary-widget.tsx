"use client";

import { AlertTriangle, ArrowRight } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { limitReason } from "@/components/sandbox/capacity-meter";
import { Countdown } from "@/components/sandbox/countdown";
import { CreateSandboxButton } from "@/components/sandbox/create-sandbox-dialog";
import { LiveIndicator } from "@/components/sandbox/live-indicator";
import { useSandboxLive } from "@/components/sandbox/sandbox-live-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useNow } from "@/hooks/use-now";
import { useSandboxList } from "@/hooks/use-sandboxes";
import type { ProjectOption } from "@/lib/projects/list-projects";
import { activeListKey, failedListKey } from "@/lib/sandbox/list-keys";
import type { SandboxListPage } from "@/lib/sandbox/realtime/apply-sandbox-change";
import { countedStatuses, effectiveStatus, isTransitional } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";

const day = 24 * 3600_000;

/** The numbers the widget shows, from the active and failed lists at a moment. */
export function summarize(active: SandboxInstance[], failed: SandboxInstance[], now: number) {
  const live = active.filter((row) => countedStatuses.includes(effectiveStatus(row, now)));
  const expiries = live
    .map((row) => (row.expires_at ? Date.parse(row.expires_at) : Number.NaN))
    .filter((at) => Number.isFinite(at) && at > now)
    .sort((a, b) => a - b);
  return {
    active: live.length,
    inTransition: active.filter((row) => isTransitional(row.status)).length,
    soonest: expiries[0] ?? null,
    within30: expiries.filter((at) => at - now <= 30 * 60_000).length,
    failed24h: failed.filter((row) => now - Date.parse(row.stopped_at ?? row.updated_at) <= day).length,
  };
}

export function SandboxSummaryWidget({
  projects,
  fallback,
}: {
  projects: ProjectOption[];
  fallback: { active?: SandboxListPage; failed?: SandboxListPage };
}) {
  const { activeLimit } = useSandboxLive();
  const active = useSandboxList(activeListKey, fallback.active);
  const failed = useSandboxList(failedListKey, fallback.failed);
  const now = useNow();
  const error = active.error ?? failed.error;
  const reasonId = useId();

  let body;
  if (!active.data || !failed.data) {
    body = error ? (
      <WidgetError message={error.message} onRetry={() => void Promise.all([active.mutate(), failed.mutate()])} />
    ) : (
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" role="status" aria-label="Loading the sandbox summary">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-14 animate-pulse rounded-md bg-surface" />
        ))}
      </div>
    );
  } else {
    const s = summarize(active.data.instances, failed.data.instances, now);
    const atLimit = s.active >= activeLimit;
    body = (
      <>
        {error && <WidgetError message={error.message} onRetry={() => void Promise.all([active.mutate(), failed.mutate()])} />}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label="Active" testId="widget-active">
            {s.active} of {activeLimit}
          </Stat>
          <Stat label="In transition" testId="widget-transition" href="/dashboard/sandbox?view=active" linkText="see the active list">
            {s.inTransition}
          </Stat>
          <Stat label="Next expiry" testId="widget-soonest">
            {s.soonest ? <Countdown expiresAt={new Date(s.soonest).toISOString()} /> : <span className="text-muted">none</span>}
            {s.within30 > 0 && <span className="block text-xs font-normal text-warning">{s.within30} within 30 min</span>}
          </Stat>
          <Stat label="Failed, last 24 h" testId="widget-failed" href="/dashboard/sandbox?view=failed" linkText="see the failed ones">
            <span className={s.failed24h > 0 ? "text-danger" : undefined}>{s.failed24h}</span>
          </Stat>
        </dl>
        {/* At the limit the reason goes under both buttons, so View all stays beside New sandbox. */}
        <div className="flex flex-col gap-1">
          <div className="flex flex-wrap items-start gap-2">
            <CreateSandboxButton projects={projects} disabledReason={atLimit ? limitReason(activeLimit) : null} reasonShownAt={reasonId} />
            <Button asChild>
              <Link href="/dashboard/sandbox">
                View all <ArrowRight aria-hidden="true" />
              </Link>
            </Button>
          </div>
          {atLimit && (
            <p id={reasonId} className="text-xs text-muted">
              {limitReason(activeLimit)}
            </p>
          )}
        </div>
      </>
    );
  }

  return (
    <section
      aria-labelledby="sandbox-summary-heading"
      data-testid="sandbox-summary"
      className="flex flex-col gap-4 rounded-lg border border-border p-4 sm:p-5"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="sandbox-summary-heading" className="text-lg font-semibold">
          Sandboxes
        </h2>
        <LiveIndicator />
      </div>
      {body}
    </section>
  );
}

/** One figure; with `href` the whole tile opens the list filtered to it (the link itself is the figure, for keyboards). */
function Stat({
  label,
  testId,
  href,
  linkText,
  children,
}: {
  label: string;
  testId: string;
  href?: string;
  linkText?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("relative flex flex-col gap-0.5 rounded-md bg-surface p-3", href && "hover:ring-2 hover:ring-border")}>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">
        {href ? (
          <Link href={href} className="after:absolute after:inset-0 after:rounded-md">
            <span data-testid={testId}>{children}</span>
            <span className="sr-only"> · {linkText}</span>
          </Link>
        ) : (
          <span data-testid={testId}>{children}</span>
        )}
      </dd>
    </div>
  );
}

function WidgetError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert variant="error" icon={AlertTriangle} className="flex-wrap items-center" data-testid="widget-error">
      <span>The summary could not be loaded: {message}</span>
      <Button size="sm" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
