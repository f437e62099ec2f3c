"use client";

import { useNow } from "@/hooks/use-now";
import { shortSandboxId, stopReasonText } from "@/lib/sandbox/format";
import { effectiveStatus, isEnded } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { Countdown } from "./countdown";
import { CopyId } from "./copy-id";
import { RelativeTime } from "./relative-time";
import { OpenLink, StopDeleteButtons } from "./sandbox-actions";
import { StatusBadge } from "./status-badge";

export interface RowActions {
  pending: ReadonlySet<string>;
  onStop: (row: SandboxInstance) => void;
  onDelete: (row: SandboxInstance) => void;
}

/** One sandbox in the list: id, status, created, time left (or when and why it ended), actions. */
export function SandboxRow({ row, actions, projectName }: { row: SandboxInstance; actions: RowActions; projectName?: string }) {
  const now = useNow();
  const status = effectiveStatus(row, now);
  const ended = isEnded(status);
  const reason = stopReasonText(row.stop_reason ?? (status === "expired" ? "expired" : null));
  return (
    <tr className="border-t border-border align-middle" data-testid="sandbox-row" data-sandbox-id={row.sandbox_id} data-status={status}>
      <td className="py-2 pr-3 pl-3">
        <CopyId value={row.sandbox_id} shown={shortSandboxId(row.sandbox_id)} />
        {projectName && <div className="truncate text-xs text-muted">{projectName}</div>}
      </td>
      <td className="py-2 pr-3">
        <StatusBadge
          status={status}
          stopReason={ended ? (row.stop_reason ?? (status === "expired" ? "expired" : null)) : null}
          stoppedAt={row.stopped_at ?? row.expires_at}
        />
      </td>
      <td className="hidden py-2 pr-3 text-sm sm:table-cell">
        <RelativeTime at={row.created_at} />
      </td>
      <td className="py-2 pr-3 text-sm">
        {ended ? (
          <span className="text-muted">
            <RelativeTime at={row.stopped_at ?? row.expires_at ?? row.updated_at} prefix="ended " />
            {reason && <span className="hidden md:inline"> · {reason}</span>}
          </span>
        ) : (
          <Countdown expiresAt={row.expires_at} />
        )}
      </td>
      <td className="py-2 pr-3">
        <div className="flex flex-wrap items-center justify-end gap-1">
          <OpenLink row={row} />
          <StopDeleteButtons
            row={{ ...row, status }}
            compact
            pending={actions.pending.has(row.id)}
            onStop={actions.onStop}
            onDelete={actions.onDelete}
          />
        </div>
      </td>
    </tr>
  );
}

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
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-surface text-xs tracking-wide text-muted uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3 pl-3 font-medium">
              Sandbox
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">
              Created
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Time left
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
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
