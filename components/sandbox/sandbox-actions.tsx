"use client";

import { ExternalLink, Loader2, Square, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { canStop, isEnded } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";

export const stopConsequence =
  "Stopping destroys its container: running commands end and files in its home folder are gone. Nothing resumes; you can create a new sandbox.";
export const deleteConsequence = (row: SandboxInstance) =>
  isEnded(row.status)
    ? "This removes its record from your list. It cannot be undone."
    : "It is still running: its container is killed first (nothing is saved), then its record is removed. It cannot be undone.";

/** Stop and delete buttons, each behind a confirmation that says what happens. */
export function StopDeleteButtons({
  row,
  pending,
  onStop,
  onDelete,
  compact = false,
}: {
  row: SandboxInstance;
  pending: boolean;
  onStop: (row: SandboxInstance) => void;
  onDelete: (row: SandboxInstance) => void;
  compact?: boolean;
}) {
  const [confirm, setConfirm] = useState<"stop" | "delete" | null>(null);
  const size = compact ? "sm" : "md";
  return (
    <>
      {canStop(row.status) && (
        <Button size={size} onClick={() => setConfirm("stop")} disabled={pending} aria-label={`Stop ${row.sandbox_id}`}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Square aria-hidden="true" />}
          <span className={compact ? "sr-only sm:not-sr-only" : undefined}>Stop</span>
        </Button>
      )}
      <Button
        size={size}
        variant="ghost"
        className="text-danger"
        onClick={() => setConfirm("delete")}
        disabled={pending || row.status === "shutting_down"}
        aria-label={`Delete ${row.sandbox_id}`}
      >
        <Trash2 aria-hidden="true" />
        <span className={compact ? "sr-only sm:not-sr-only" : undefined}>Delete</span>
      </Button>
      <ConfirmDialog
        open={confirm === "stop"}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={`Stop ${row.sandbox_id}?`}
        description={stopConsequence}
        confirmLabel="Stop sandbox"
        onConfirm={() => onStop(row)}
      />
      <ConfirmDialog
        open={confirm === "delete"}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={`Delete ${row.sandbox_id}?`}
        description={deleteConsequence(row)}
        confirmLabel="Delete sandbox"
        onConfirm={() => onDelete(row)}
      />
    </>
  );
}

export function OpenLink({ row }: { row: SandboxInstance }) {
  return (
    <Button asChild size="sm" variant="ghost">
      <Link href={`/dashboard/sandbox/${row.id}`} aria-label={`Open ${row.sandbox_id}`}>
        <ExternalLink aria-hidden="true" />
        <span className="sr-only sm:not-sr-only">Open</span>
      </Link>
    </Button>
  );
}
