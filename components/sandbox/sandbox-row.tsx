"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { memo, type MouseEvent } from "react";
import { useEffectiveStatus } from "@/hooks/use-effective-status";
import { shortSandboxId, stopReasonText } from "@/lib/sandbox/format";
import { effectiveStopReason, isEnded } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { Countdown } from "./countdown";
import { RelativeTime } from "./relative-time";
import { SandboxRowActions } from "./sandbox-row-actions";
import { StatusBadge } from "./status-badge";

export interface RowActions {
  pending: ReadonlySet<string>;
  onStop: (row: SandboxInstance) => void;
  onDelete: (row: SandboxInstance) => void;
  onConfirmOpen: (row: SandboxInstance) => void;
  /** Where focus goes when a row's confirmation closes (the row, or its neighbour once it is gone). */
  returnFocus: () => HTMLElement | null | undefined;
}

/** A click on the row's empty space opens it, as the id link does; its controls and selected text keep their own meaning. */
function openOnRowClick(event: MouseEvent<HTMLTableRowElement>, open: () => void) {
  const target = event.target as HTMLElement;
  if (target.closest("a, button, input, select, [role='menuitem']")) return;
  if (window.getSelection()?.toString()) return;
  open();
}

/**
 * One sandbox in the list: id, status, created, time left (or when and why it ended), actions.
 * Memoised: a realtime change to one row re-renders that row only (its countdown ticks by itself).
 */
const SandboxRow = memo(function SandboxRow({
  row,
  actions,
  projectName,
}: {
  row: SandboxInstance;
  actions: RowActions;
  projectName?: string;
}) {
  const status = useEffectiveStatus(row);
  const ended = isEnded(status);
  const stopReason = effectiveStopReason(row, status);
  const reason = stopReasonText(stopReason);
  const router = useRouter();
  const href = `/dashboard/sandbox/${row.id}`;
  return (
    <tr
      className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 border-t border-border px-3 py-2 first:border-t-0 hover:bg-surface/60 sm:table-row sm:p-0 sm:align-middle sm:first:border-t"
      data-testid="sandbox-row"
      data-sandbox-id={row.sandbox_id}
      data-status={status}
      onClick={(event) => openOnRowClick(event, () => router.push(href))}
    >
      <td className="w-full min-w-0 sm:w-auto sm:py-2 sm:pr-3 sm:pl-3">
        <Link
          href={href}
          className="font-mono text-sm font-medium underline-offset-4 hover:underline"
          title={row.sandbox_id}
          data-row-link=""
        >
          {shortSandboxId(row.sandbox_id)}
        </Link>
        {projectName && (
          <div className="truncate text-xs text-muted" title={projectName}>
            {projectName}
          </div>
        )}
      </td>
      <td className="sm:py-2 sm:pr-3">
        <StatusBadge status={status} stopReason={stopReason} stoppedAt={row.stopped_at ?? row.expires_at} focusable={false} />
      </td>
      <td className="hidden py-2 pr-3 text-sm whitespace-nowrap sm:table-cell">
        <RelativeTime at={row.created_at} focusable={false} />
      </td>
      {/* On a phone the time gives way (truncates) so the row's actions stay on its line. */}
      <td className="min-w-0 flex-1 truncate text-sm whitespace-nowrap sm:py-2 sm:pr-3">
        {ended ? (
          <span className="text-muted">
            <RelativeTime at={row.stopped_at ?? row.expires_at ?? row.updated_at} prefix="ended " focusable={false} />
            {reason && (
              <>
                <span className="sr-only lg:not-sr-only lg:whitespace-nowrap"> · </span>
                <span className="sr-only lg:not-sr-only lg:whitespace-nowrap" title={reason}>
                  {reason}
                </span>
              </>
            )}
          </span>
        ) : (
          <Countdown expiresAt={row.expires_at} />
        )}
      </td>
      <td className="ml-auto sm:ml-0 sm:py-2 sm:pr-3">
        <SandboxRowActions
          row={{ ...row, status }}
          pending={actions.pending.has(row.id)}
          onStop={actions.onStop}
          onDelete={actions.onDelete}
          onConfirmOpen={actions.onConfirmOpen}
          returnFocus={actions.returnFocus}
        />
      </td>
    </tr>
  );
});

export function SandboxTable({
  rows,
  actions,
  caption,
  projectNames,
}: {
  rows: SandboxInstance[];
  actions: RowActions;
  caption: string;
  projectNames: ReadonlyMap<string, string>;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="block w-full border-collapse text-left sm:table sm:table-fixed">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden bg-surface text-xs tracking-wide text-muted uppercase sm:table-header-group">
          <tr>
            <th scope="col" className="w-[24%] py-2 pr-3 pl-3 font-medium">
              Sandbox
            </th>
            <th scope="col" className="w-[14%] py-2 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="hidden w-[13%] py-2 pr-3 font-medium sm:table-cell">
              Created
            </th>
            <th scope="col" className="w-[33%] py-2 pr-3 font-medium">
              Time left
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="block sm:table-row-group">
          {rows.map((row) => (
            <SandboxRow
              key={row.id}
              row={row}
              actions={actions}
              projectName={row.project_id ? projectNames.get(row.project_id) : undefined}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
