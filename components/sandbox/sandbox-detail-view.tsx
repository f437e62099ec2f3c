"use client";

import { AlertTriangle, ArrowLeft, Clock } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { TerminalPanelLoader } from "@/components/terminal/terminal-panel-loader";
import { useNow } from "@/hooks/use-now";
import { useSandbox } from "@/hooks/use-sandbox";
import { useSandboxActions } from "@/hooks/use-sandbox-actions";
import { formatExact, formatLifetime, statusLabels, stopReasonText } from "@/lib/sandbox/format";
import { reservedConfigKeys } from "@/lib/sandbox/request-limits";
import { effectiveStatus, isActive, isEnded, type SandboxStatus } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { CopyId } from "./copy-id";
import { Countdown } from "./countdown";
import { LiveIndicator } from "./live-indicator";
import { RelativeTime } from "./relative-time";
import { StopDeleteButtons } from "./sandbox-actions";
import { StatusBadge } from "./status-badge";

const exact = (value: string | null) => (value && Number.isFinite(Date.parse(value)) ? formatExact(Date.parse(value)) : "—");

/** Config as the user gave it: the keys the dashboard sets itself are not theirs to see. */
const visibleConfig = (config: unknown) =>
  config && typeof config === "object" && !Array.isArray(config)
    ? Object.fromEntries(Object.entries(config).filter(([key]) => !(reservedConfigKeys as readonly string[]).includes(key)))
    : config;

export function SandboxDetailView({ initial, projectName }: { initial: SandboxInstance; projectName: string | null }) {
  const { data, error } = useSandbox(initial.id, initial);
  const { stop, remove, pending } = useSandboxActions();
  const router = useRouter();
  const now = useNow();
  const deleted = error?.status === 404;
  const row = data ?? initial;
  const status = effectiveStatus(row, now);

  // The statuses this page has seen, with when it saw them.
  const [timeline, setTimeline] = useState<{ status: SandboxStatus; at: number }[]>(() => [
    { status: initial.status, at: Date.parse(initial.updated_at) },
  ]);
  const lastSeen = timeline[timeline.length - 1]?.status;
  if (!deleted && status !== lastSeen) setTimeline([...timeline, { status, at: now }]);

  useEffect(() => {
    document.title = `${row.sandbox_id} · ${deleted ? "Deleted" : statusLabels[status]} · Matrx Sandboxes`;
  }, [row.sandbox_id, status, deleted]);

  const expiresAt = row.expires_at ? Date.parse(row.expires_at) : Number.NaN;
  const underTenMinutes = isActive(status) && Number.isFinite(expiresAt) && expiresAt - now < 10 * 60_000 && expiresAt > now;

  // Deleted from this page: it goes back to the list, without the "deleted while open" notice.
  const [deletingHere, setDeletingHere] = useState(false);
  const onDelete = async (target: SandboxInstance) => {
    setDeletingHere(true);
    if (await remove(target)) router.push("/dashboard/sandbox");
    else setDeletingHere(false);
  };

  return (
    <div className="flex flex-col gap-5">
      <Link href="/dashboard/sandbox" className="inline-flex items-center gap-1 text-sm text-muted hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" /> All sandboxes
      </Link>

      {deleted && !deletingHere && (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 rounded-md border border-warning/50 bg-warning-surface p-3 text-sm text-warning"
          data-testid="deleted-notice"
        >
          <AlertTriangle className="size-4" aria-hidden="true" />
          This sandbox was deleted while this page was open.
          <Link href="/dashboard/sandbox" className="font-medium underline">
            Back to your sandboxes
          </Link>
        </div>
      )}
      {!deleted && underTenMinutes && (
        <div
          role="status"
          className="flex items-center gap-2 rounded-md border border-warning/50 bg-warning-surface p-3 text-sm text-warning"
          data-testid="expiry-banner"
        >
          <Clock className="size-4" aria-hidden="true" />
          Less than 10 minutes left: this sandbox stops by itself at {exact(row.expires_at)}.
        </div>
      )}
      {!deleted && isEnded(status) && (
        <div role="status" className="rounded-md border border-border bg-surface p-3 text-sm" data-testid="ended-notice">
          This sandbox has ended ({statusLabels[status].toLowerCase()}
          {stopReasonText(row.stop_reason ?? (status === "expired" ? "expired" : null))
            ? `: ${stopReasonText(row.stop_reason ?? "expired")}`
            : ""}
          ). It cannot be restarted.
        </div>
      )}

      <header className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold">
              <span className="sr-only">Sandbox </span>
              <CopyId value={row.sandbox_id} className="text-xl sm:text-2xl" />
            </h1>
            <StatusBadge status={status} stopReason={isEnded(status) ? row.stop_reason : null} stoppedAt={row.stopped_at} />
          </div>
          {!deleted && (
            <div className="flex flex-wrap gap-2">
              <StopDeleteButtons row={{ ...row, status }} pending={pending.has(row.id)} onStop={stop} onDelete={onDelete} />
            </div>
          )}
        </div>
        <LiveIndicator />
      </header>

      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-border p-4 text-sm sm:grid-cols-2">
        <Item label="Project">{projectName ?? (row.project_id ? <code className="font-mono">{row.project_id}</code> : "None")}</Item>
        <Item label="Created">
          <RelativeTime at={row.created_at} />
        </Item>
        <Item label="Expires">
          {row.expires_at ? (
            <span className="flex flex-wrap gap-x-2">
              <span>{exact(row.expires_at)}</span>
              {isActive(status) && <Countdown expiresAt={row.expires_at} />}
            </span>
          ) : (
            "—"
          )}
        </Item>
        <Item label="Lifetime">{formatLifetime(row.ttl_seconds)}</Item>
        {isEnded(status) && (
          <>
            <Item label="Ended">{exact(row.stopped_at ?? row.expires_at)}</Item>
            <Item label="Reason">{stopReasonText(row.stop_reason ?? (status === "expired" ? "expired" : null)) ?? "—"}</Item>
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

      <details className="rounded-lg border border-border p-4">
        <summary className="cursor-pointer text-sm font-medium">Configuration</summary>
        <pre className="mt-2 overflow-x-auto rounded bg-surface p-3 font-mono text-xs">
          {JSON.stringify(visibleConfig(row.config), null, 2)}
        </pre>
      </details>

      <section aria-labelledby="timeline-heading" className="flex flex-col gap-2">
        <h2 id="timeline-heading" className="text-sm font-semibold tracking-wide text-muted uppercase">
          Seen on this page
        </h2>
        <ol className="flex flex-col gap-1 text-sm" data-testid="status-timeline">
          {timeline.map((entry, index) => (
            <li key={index} className="flex items-center gap-2">
              <span className="w-20 text-xs text-muted tabular-nums" suppressHydrationWarning>
                {new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(entry.at)}
              </span>
              <StatusBadge status={entry.status} />
            </li>
          ))}
          {deleted && <li className="text-muted">deleted</li>}
        </ol>
      </section>

      {!deleted && <TerminalPanelLoader sandbox={{ ...row, status }} />}
    </div>
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
