"use client";

import { Activity, AlertTriangle, ArrowLeft, Clock, FolderOpen, KeyRound, SquareTerminal } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { FilesPanelLoader } from "@/components/files/files-panel-loader";
import { ProcessesPanelLoader } from "@/components/processes/processes-panel-loader";
import { SshPanelLoader } from "@/components/ssh/ssh-panel-loader";
import { TerminalPanelLoader } from "@/components/terminal/terminal-panel-loader";
import { Alert } from "@/components/ui/alert";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useNow } from "@/hooks/use-now";
import { useSandbox } from "@/hooks/use-sandbox";
import { useSandboxActions } from "@/hooks/use-sandbox-actions";
import { formatExact, statusLabels, stopReasonText } from "@/lib/sandbox/format";
import { readSandboxTab, type SandboxTab } from "@/lib/sandbox/sandbox-tabs";
import { effectiveStatus, effectiveStopReason, isActive, isEnded } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { CopyId } from "./copy-id";
import { Countdown } from "./countdown";
import { LiveIndicator } from "./live-indicator";
import { RelativeTime } from "./relative-time";
import { StopDeleteButtons } from "./sandbox-actions";
import { SandboxDetailsDialog, type StatusChange } from "./sandbox-details-dialog";
import { StatusBadge } from "./status-badge";

const exact = (value: string | null) => (value && Number.isFinite(Date.parse(value)) ? formatExact(Date.parse(value)) : "—");

/**
 * A sandbox's page, the work first: a row of facts (status, time left, project, created) with the
 * actions and the internals one click away, then the working area at the window's height, in tabs
 * that the Files, Processes and SSH views will join. The tab is in the URL (`?tab=terminal`).
 */
export function SandboxDetailView({
  initial,
  projectName,
  initialTab = "terminal",
}: {
  initial: SandboxInstance;
  projectName: string | null;
  initialTab?: SandboxTab;
}) {
  const { data, error } = useSandbox(initial.id, initial);
  const { stop, remove, pending } = useSandboxActions();
  const router = useRouter();
  const now = useNow();
  const deleted = error?.status === 404;
  const row = data ?? initial;
  const status = effectiveStatus(row, now);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [tab, setTab] = useState<SandboxTab>(initialTab);
  // Views stay mounted once opened (the terminal keeps its screen, Files its folder); each loads when first opened.
  const [opened, setOpened] = useState<ReadonlySet<SandboxTab>>(() => new Set([initialTab]));
  if (!opened.has(tab)) setOpened(new Set([...opened, tab]));

  // The statuses this page has seen, with when it saw them.
  const [changes, setChanges] = useState<StatusChange[]>(() => [{ status: initial.status, at: Date.parse(initial.updated_at) }]);
  const lastSeen = changes[changes.length - 1]?.status;
  if (!deleted && status !== lastSeen) setChanges([...changes, { status, at: now }]);

  useEffect(() => {
    document.title = `${row.sandbox_id} · ${deleted ? "Deleted" : statusLabels[status]} · Matrx Sandboxes`;
  }, [row.sandbox_id, status, deleted]);

  const expiresAt = row.expires_at ? Date.parse(row.expires_at) : Number.NaN;
  const underTenMinutes = isActive(status) && Number.isFinite(expiresAt) && expiresAt - now < 10 * 60_000 && expiresAt > now;
  const stopReason = effectiveStopReason(row, status);

  // Deleted from this page: it goes back to the list, without the "deleted while open" notice.
  const [deletingHere, setDeletingHere] = useState(false);
  const onDelete = async (target: SandboxInstance) => {
    setDeletingHere(true);
    if (await remove(target)) router.push("/dashboard/sandbox");
    else setDeletingHere(false);
  };

  const chooseTab = (value: string) => {
    const next = readSandboxTab(value);
    setTab(next);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", next);
    window.history.replaceState(null, "", `${url.pathname}${url.search}`);
  };

  return (
    <div className="flex flex-col gap-3">
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
          <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
            <Link
              href="/dashboard/sandbox"
              className="inline-flex items-center gap-1 text-sm text-muted hover:text-foreground"
              aria-label="All sandboxes"
              title="All sandboxes"
            >
              <ArrowLeft className="size-4" aria-hidden="true" />
              <span className="sr-only sm:not-sr-only">Sandboxes</span>
            </Link>
            <h1 className="text-xl font-semibold" tabIndex={-1} ref={headingRef}>
              <span className="sr-only">Sandbox </span>
              <CopyId value={row.sandbox_id} className="text-lg sm:text-xl" />
            </h1>
            <StatusBadge status={status} stopReason={isEnded(status) ? row.stop_reason : null} stoppedAt={row.stopped_at} />
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <SandboxDetailsDialog row={row} status={status} deleted={deleted} changes={changes} />
            {!deleted && (
              <StopDeleteButtons
                row={{ ...row, status }}
                pending={pending.has(row.id)}
                onStop={stop}
                onDelete={onDelete}
                fallbackFocus={() => headingRef.current}
              />
            )}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-1">
          <dl className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm" data-testid="sandbox-facts">
            <Fact label={isEnded(status) ? "Ended" : "Time left"}>
              {isEnded(status) ? (
                <RelativeTime at={row.stopped_at ?? row.expires_at ?? row.updated_at} />
              ) : row.expires_at ? (
                <span title={`Stops at ${exact(row.expires_at)}`}>
                  <Countdown expiresAt={row.expires_at} />
                </span>
              ) : (
                "—"
              )}
            </Fact>
            <Fact label="Project">
              {projectName ? (
                <span className="inline-block max-w-48 truncate align-bottom" title={projectName}>
                  {projectName}
                </span>
              ) : row.project_id ? (
                "Unknown project"
              ) : (
                "None"
              )}
            </Fact>
            <Fact label="Created">
              <RelativeTime at={row.created_at} />
            </Fact>
          </dl>
          <LiveIndicator />
        </div>
      </header>

      {deleted && !deletingHere && (
        <Alert variant="warning" icon={AlertTriangle} className="flex-wrap items-center" data-testid="deleted-notice">
          This sandbox was deleted while this page was open.
          <Link href="/dashboard/sandbox" className="font-medium underline">
            Back to your sandboxes
          </Link>
        </Alert>
      )}
      {!deleted && underTenMinutes && (
        <Alert variant="warning" role="status" icon={Clock} className="items-center px-3 py-2" data-testid="expiry-banner">
          Less than 10 minutes left: this sandbox stops by itself at {exact(row.expires_at)}.
        </Alert>
      )}
      {!deleted && isEnded(status) && (
        <Alert variant="neutral" className="block px-3 py-2" data-testid="ended-notice">
          This sandbox has ended ({statusLabels[status].toLowerCase()}
          {stopReasonText(stopReason) ? `: ${stopReasonText(stopReason)}` : ""}). It cannot be restarted.
        </Alert>
      )}

      {!deleted && (
        <Tabs value={tab} onValueChange={chooseTab} className="flex flex-col">
          <TabsList aria-label="Sandbox views">
            <TabsTrigger value="terminal">
              <SquareTerminal aria-hidden="true" />
              Terminal
            </TabsTrigger>
            <TabsTrigger value="files">
              <FolderOpen aria-hidden="true" />
              Files
            </TabsTrigger>
            <TabsTrigger value="processes">
              <Activity aria-hidden="true" />
              Processes
            </TabsTrigger>
            <TabsTrigger value="ssh">
              <KeyRound aria-hidden="true" />
              SSH
            </TabsTrigger>
          </TabsList>
          <TabsContent value="terminal" forceMount className={tabPanelClass} tabIndex={-1}>
            {opened.has("terminal") && <TerminalPanelLoader sandbox={{ ...row, status }} />}
          </TabsContent>
          <TabsContent value="files" forceMount className={tabPanelClass} tabIndex={-1}>
            {opened.has("files") && <FilesPanelLoader sandbox={{ ...row, status }} onOpenTerminal={() => chooseTab("terminal")} />}
          </TabsContent>
          {/* Processes and SSH mount only while shown: the list polls only while in view, the key is shown once. */}
          <TabsContent value="processes" className="pt-3" tabIndex={-1}>
            <ProcessesPanelLoader sandbox={{ id: row.id, status }} />
          </TabsContent>
          <TabsContent value="ssh" className="pt-3" tabIndex={-1}>
            <SshPanelLoader sandbox={{ id: row.id, sandbox_id: row.sandbox_id, status }} />
          </TabsContent>
        </Tabs>
      )}
    </div>
  );
}

/** The working area fills the window below the facts (a floor keeps it usable on a short one). */
const tabPanelClass = "h-[max(22rem,calc(100dvh-15rem))] pt-3 data-[state=inactive]:hidden";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dt className="text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
