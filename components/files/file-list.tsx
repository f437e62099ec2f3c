"use client";

import { File, FileSymlink, Folder, FolderSymlink, MoreHorizontal } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { FileEntry } from "@/lib/sandbox/files/file-entry";
import { displayName, formatBytes, isFolderLike } from "@/lib/sandbox/files/file-view-helpers";
import { formatExact } from "@/lib/sandbox/format";

export interface EntryActions {
  open: (entry: FileEntry) => void;
  download: (entry: FileEntry) => void;
  rename: (entry: FileEntry) => void;
  remove: (entry: FileEntry) => void;
  openInTerminal: (entry: FileEntry) => void;
}

function EntryIcon({ entry }: { entry: FileEntry }) {
  const Icon =
    entry.kind === "link" ? (entry.target_kind === "folder" ? FolderSymlink : FileSymlink) : entry.kind === "folder" ? Folder : File;
  return <Icon className={`size-4 shrink-0 ${isFolderLike(entry) ? "text-accent" : "text-muted"}`} aria-hidden="true" />;
}

/** A folder's entries: the name opens it (folder) or previews it (file); the menu holds the rest. */
export function FileList({ entries, readOnly, actions }: { entries: FileEntry[]; readOnly: boolean; actions: EntryActions }) {
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <thead className="sr-only sm:not-sr-only">
        <tr className="border-b border-border text-left text-xs text-muted">
          <th scope="col" className="py-1.5 pl-2 font-medium">
            Name
          </th>
          <th scope="col" className="hidden w-24 py-1.5 text-right font-medium sm:table-cell">
            Size
          </th>
          <th scope="col" className="hidden w-48 py-1.5 pl-4 font-medium md:table-cell">
            Modified
          </th>
          <th scope="col" className="w-10">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const name = displayName(entry.name);
          const folder = isFolderLike(entry);
          const missing = entry.kind === "link" && entry.target_kind === "missing";
          return (
            <tr key={entry.name} className="border-b border-border/60 hover:bg-surface" data-testid="file-row">
              <td className="py-1 pl-2">
                <button
                  type="button"
                  className="flex w-full min-w-0 items-center gap-2 rounded text-left hover:underline disabled:no-underline"
                  onClick={() => actions.open(entry)}
                  disabled={missing || entry.kind === "other"}
                  title={entry.kind === "link" ? `${entry.name} → ${entry.link_target}` : entry.name}
                >
                  <EntryIcon entry={entry} />
                  <span className={`truncate ${entry.hidden ? "text-muted" : ""}`}>{name}</span>
                  {entry.kind === "link" && (
                    <span className="hidden truncate text-xs text-muted sm:inline">
                      → {displayName(entry.link_target ?? "")}
                      {missing ? " (missing)" : ""}
                    </span>
                  )}
                </button>
                <span className="block pl-6 text-xs text-muted sm:hidden">
                  {folder ? "Folder" : formatBytes(entry.size)} · {formatExact(entry.mtime)}
                </span>
              </td>
              <td className="hidden py-1 text-right text-muted tabular-nums sm:table-cell">{folder ? "—" : formatBytes(entry.size)}</td>
              <td className="hidden py-1 pl-4 text-muted md:table-cell">{formatExact(entry.mtime)}</td>
              <td className="py-0.5 text-right">
                {/* Not modal: a modal menu hides the rest of the page with aria-hidden while its buttons stay focusable (axe: aria-hidden-focus). */}
                <DropdownMenu modal={false}>
                  <DropdownMenuTrigger asChild>
                    <Button size="icon" variant="ghost" aria-label={`Actions for ${name}`}>
                      <MoreHorizontal className="size-4" aria-hidden="true" />
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent>
                    <DropdownMenuItem onSelect={() => actions.download(entry)} disabled={missing || entry.kind === "other"}>
                      {folder ? "Download as .tar.gz" : "Download"}
                    </DropdownMenuItem>
                    {folder && (
                      <DropdownMenuItem onSelect={() => actions.openInTerminal(entry)} disabled={readOnly}>
                        Open in terminal
                      </DropdownMenuItem>
                    )}
                    <DropdownMenuItem onSelect={() => actions.rename(entry)} disabled={readOnly}>
                      Rename…
                    </DropdownMenuItem>
                    <DropdownMenuItem onSelect={() => actions.remove(entry)} disabled={readOnly} className="text-danger">
                      Delete…
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
