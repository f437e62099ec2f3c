"use client";

import { X } from "lucide-react";
import { IconButton } from "@/components/ui/icon-button";
import { formatBytes } from "@/lib/sandbox/files/file-view-helpers";

export interface Transfer {
  id: number;
  kind: "upload" | "download";
  name: string;
  loaded: number;
  total: number;
  cancel: () => void;
}

/** Uploads and downloads under way, each with its progress and a cancel button. */
export function Transfers({ transfers }: { transfers: Transfer[] }) {
  if (transfers.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1.5" aria-label="Transfers">
      {transfers.map((transfer) => {
        const label = `${transfer.kind === "upload" ? "Uploading" : "Downloading"} ${transfer.name}`;
        const done = transfer.total > 0 && transfer.loaded >= transfer.total;
        return (
          <li key={transfer.id} className="flex items-center gap-2 rounded-md border border-border px-2 py-1 text-sm">
            <span className="min-w-0 flex-1 truncate" title={label}>
              {transfer.kind === "upload" && done ? `Writing ${transfer.name} into the sandbox…` : label}
            </span>
            <progress
              className="h-2 w-24 sm:w-40"
              aria-label={label}
              max={transfer.total || undefined}
              value={transfer.total ? transfer.loaded : undefined}
            />
            <span className="hidden w-28 text-right text-xs text-muted tabular-nums sm:inline">
              {formatBytes(transfer.loaded)}
              {transfer.total ? ` / ${formatBytes(transfer.total)}` : ""}
            </span>
            <IconButton label={`Cancel: ${label}`} tooltip="Cancel" onClick={transfer.cancel}>
              <X className="size-4" aria-hidden="true" />
            </IconButton>
          </li>
        );
      })}
    </ul>
  );
}
