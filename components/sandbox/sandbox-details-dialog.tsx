"use client";

import { Info } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { formatExact, formatLifetime, formatTimeOfDay, stopReasonText } from "@/lib/sandbox/format";
import { reservedConfigKeys } from "@/lib/sandbox/request-limits";
import { effectiveStopReason, isEnded, type SandboxStatus } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { CopyId } from "./copy-id";
import { RelativeTime } from "./relative-time";
import { StatusBadge } from "./status-badge";

export interface StatusChange {
  status: SandboxStatus;
  at: number;
}

const exact = (value: string | null) => (value && Number.isFinite(Date.parse(value)) ? formatExact(Date.parse(value)) : "—");

/** Config as the user gave it: the keys the dashboard sets itself are not theirs to see. */
const visibleConfig = (config: unknown) =>
  config && typeof config === "object" && !Array.isArray(config)
    ? Object.fromEntries(Object.entries(config).filter(([key]) => !(reservedConfigKeys as readonly string[]).includes(key)))
    : config;

/**
 * The sandbox's internals (container, paths, row id, configuration) and the status changes seen
 * while the page was open: one click away, so the terminal comes first.
 */
export function SandboxDetailsDialog({
  row,
  status,
  deleted,
  changes,
}: {
  row: SandboxInstance;
  status: SandboxStatus;
  deleted: boolean;
  changes: StatusChange[];
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button>
          <Info aria-hidden="true" />
          Details
        </Button>
      </DialogTrigger>
      <DialogContent title={`Details of ${row.sandbox_id}`} className="max-w-2xl">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid="sandbox-details">
          <Item label="Expires">{exact(row.expires_at)}</Item>
          <Item label="Lifetime">{formatLifetime(row.ttl_seconds)}</Item>
          {isEnded(status) && (
            <>
              <Item label="Ended">{exact(row.stopped_at ?? row.expires_at)}</Item>
              <Item label="Reason">{stopReasonText(effectiveStopReason(row, status)) ?? "—"}</Item>
            </>
          )}
          <Item label="Container">{row.container_id ? <code className="font-mono break-all">{row.container_id}</code> : "—"}</Item>
          <Item label="Last heartbeat">{row.last_heartbeat_at ? <RelativeTime at={row.last_heartbeat_at} /> : "none yet"}</Item>
          <Item label="Hot path">{row.hot_path ? <code className="font-mono">{row.hot_path}</code> : "—"}</Item>
          <Item label="Cold path">{row.cold_path ? <code className="font-mono">{row.cold_path}</code> : "—"}</Item>
          <Item label="Row id">
            <CopyId value={row.id} label="row id" />
          </Item>
        </dl>
        <section aria-labelledby="config-heading" className="flex flex-col gap-1">
          <h3 id="config-heading" className="text-sm font-medium">
            Configuration
          </h3>
          <pre className="overflow-x-auto rounded bg-surface p-3 font-mono text-xs" tabIndex={0}>
            {JSON.stringify(visibleConfig(row.config), null, 2)}
          </pre>
        </section>
        <section aria-labelledby="status-changes-heading" className="flex flex-col gap-2">
          <h3 id="status-changes-heading" className="text-sm font-medium">
            Status changes since you opened this page
          </h3>
          <ol className="flex flex-col gap-1 text-sm" data-testid="status-timeline">
            {changes.map((entry, index) => (
              <li key={index} className="flex items-center gap-2">
                <span className="w-20 text-xs text-muted tabular-nums" suppressHydrationWarning>
                  {formatTimeOfDay(entry.at)}
                </span>
                <StatusBadge status={entry.status} />
              </li>
            ))}
            {deleted && <li className="text-muted">deleted</li>}
          </ol>
        </section>
      </DialogContent>
    </Dialog>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
