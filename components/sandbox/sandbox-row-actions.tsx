"use client";

import { Copy, ExternalLink, Loader2, MoreHorizontal, Square, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { canStop, isEnded } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { SandboxConfirmations, usable, type Confirming } from "./sandbox-actions";

/**
 * A row's one visible action (Stop while it runs, Delete once it ended, Open while it shuts down)
 * and a menu with the rest, so a row is three tab stops: its id, this action, the menu.
 */
export function SandboxRowActions({
  row,
  pending,
  onStop,
  onDelete,
  onConfirmOpen,
  returnFocus,
}: {
  row: SandboxInstance;
  pending: boolean;
  onStop: (row: SandboxInstance) => void;
  onDelete: (row: SandboxInstance) => void;
  /** A confirmation opens: the list remembers the row, to put focus back near it afterwards. */
  onConfirmOpen: (row: SandboxInstance) => void;
  returnFocus: () => HTMLElement | null | undefined;
}) {
  const [confirm, setConfirm] = useState<Confirming>(null);
  // What opened the confirmation: the visible action, or the menu's button for a menu item.
  const opener = useRef<HTMLElement | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const ask = (which: Confirming, from: HTMLElement | null) => {
    opener.current = from;
    onConfirmOpen(row);
    setConfirm(which);
  };
  const stoppable = canStop(row.status);
  const deletable = !pending && row.status !== "shutting_down";
  const href = `/dashboard/sandbox/${row.id}`;
  const copy = () =>
    navigator.clipboard.writeText(row.sandbox_id).then(
      () => toast.success(`Copied ${row.sandbox_id}`),
      () => toast.error("The clipboard refused: select the id instead."),
    );

  let primary;
  if (stoppable)
    primary = (
      <Button size="sm" onClick={(event) => ask("stop", event.currentTarget)} disabled={pending} aria-label={`Stop ${row.sandbox_id}`}>
        {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Square aria-hidden="true" />}
        Stop
      </Button>
    );
  else if (isEnded(row.status))
    primary = (
      <Button
        size="sm"
        variant="ghost"
        className="text-danger"
        onClick={(event) => ask("delete", event.currentTarget)}
        disabled={!deletable}
        aria-label={`Delete ${row.sandbox_id}`}
      >
        <Trash2 aria-hidden="true" />
        Delete
      </Button>
    );
  else
    primary = (
      <Button asChild size="sm" variant="ghost">
        <Link href={href} aria-label={`Open ${row.sandbox_id}`}>
          <ExternalLink aria-hidden="true" />
          Open
        </Link>
      </Button>
    );

  return (
    <div className="flex items-center justify-end gap-1">
      {primary}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button size="icon" variant="ghost" aria-label={`More actions for ${row.sandbox_id}`} data-row-menu="" ref={menuButton}>
            <MoreHorizontal aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem asChild>
            <Link href={href}>
              <ExternalLink aria-hidden="true" />
              Open
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void copy()}>
            <Copy aria-hidden="true" />
            Copy id
          </DropdownMenuItem>
          {stoppable && (
            <DropdownMenuItem disabled={pending} onSelect={() => ask("stop", menuButton.current)}>
              <Square aria-hidden="true" />
              Stop
            </DropdownMenuItem>
          )}
          <DropdownMenuItem disabled={!deletable} onSelect={() => ask("delete", menuButton.current)} className="text-danger">
            <Trash2 aria-hidden="true" />
            Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <SandboxConfirmations
        row={row}
        confirm={confirm}
        onClose={() => setConfirm(null)}
        onStop={onStop}
        onDelete={onDelete}
        returnFocus={() => (usable(opener.current) ? opener.current : returnFocus())}
      />
    </div>
  );
}
