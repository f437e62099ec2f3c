"use client";

import { Loader2, Square, Trash2 } from "lucide-react";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { canStop, isEnded } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";

const stopConsequence =
  "Stopping destroys its container: running commands end and files in its home folder are gone. Nothing resumes; you can create a new sandbox.";
const deleteConsequence = (row: SandboxInstance) =>
  isEnded(row.status)
    ? "This removes its record from your list. It cannot be undone."
    : "It is still running: its container is killed first (nothing is saved), then its record is removed. It cannot be undone.";

export type Confirming = "stop" | "delete" | null;

/** The stop and delete confirmations of one sandbox; `confirm` says which is open. */
export function SandboxConfirmations({
  row,
  confirm,
  onClose,
  onStop,
  onDelete,
  returnFocus,
}: {
  row: SandboxInstance;
  confirm: Confirming;
  onClose: () => void;
  onStop: (row: SandboxInstance) => void;
  onDelete: (row: SandboxInstance) => void;
  returnFocus: () => HTMLElement | null | undefined;
}) {
  return (
    <>
      <ConfirmDialog
        open={confirm === "stop"}
        onOpenChange={(open) => !open && onClose()}
        title={`Stop ${row.sandbox_id}?`}
        description={stopConsequence}
        confirmLabel="Stop sandbox"
        onConfirm={() => onStop(row)}
        returnFocus={returnFocus}
      />
      <ConfirmDialog
        open={confirm === "delete"}
        onOpenChange={(open) => !open && onClose()}
        title={`Delete ${row.sandbox_id}?`}
        description={deleteConsequence(row)}
        confirmLabel="Delete sandbox"
        onConfirm={() => onDelete(row)}
        returnFocus={returnFocus}
      />
    </>
  );
}

/** A focusable element that is still on the page and can take focus. */
export const usable = (element: HTMLElement | null | undefined): element is HTMLElement =>
  Boolean(element?.isConnected) && !(element as HTMLButtonElement).disabled;

/**
 * Stop and delete buttons (the sandbox page), each behind a confirmation that says what happens.
 * Focus goes back to the button that opened it, or to `fallbackFocus` when the action hid it.
 */
export function StopDeleteButtons({
  row,
  pending,
  onStop,
  onDelete,
  fallbackFocus,
}: {
  row: SandboxInstance;
  pending: boolean;
  onStop: (row: SandboxInstance) => void;
  onDelete: (row: SandboxInstance) => void;
  fallbackFocus: () => HTMLElement | null | undefined;
}) {
  const [confirm, setConfirm] = useState<Confirming>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const ask = (which: Confirming, from: HTMLButtonElement) => {
    opener.current = from;
    setConfirm(which);
  };
  return (
    <>
      {canStop(row.status) && (
        <Button onClick={(event) => ask("stop", event.currentTarget)} disabled={pending} aria-label={`Stop ${row.sandbox_id}`}>
          {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Square aria-hidden="true" />}
          Stop
        </Button>
      )}
      <Button
        variant="ghost"
        className="text-danger"
        onClick={(event) => ask("delete", event.currentTarget)}
        disabled={pending || row.status === "shutting_down"}
        aria-label={`Delete ${row.sandbox_id}`}
      >
        <Trash2 aria-hidden="true" />
        Delete
      </Button>
      <SandboxConfirmations
        row={row}
        confirm={confirm}
        onClose={() => setConfirm(null)}
        onStop={onStop}
        onDelete={onDelete}
        returnFocus={() => (usable(opener.current) ? opener.current : fallbackFocus())}
      />
    </>
  );
}
