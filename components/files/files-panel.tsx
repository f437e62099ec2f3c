"use client";

import { AlertTriangle, ChevronRight, FolderPlus, Lock, RefreshCw, SquareTerminal, Upload } from "lucide-react";
import { useCallback, useMemo, useRef, useState, type DragEvent, type FormEvent } from "react";
import useSWR from "swr";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { SandboxApiError } from "@/lib/sandbox/api-client";
import type { FileEntry } from "@/lib/sandbox/files/file-entry";
import { joinFilePath, normalizeFilePath } from "@/lib/sandbox/files/file-path";
import { displayName, formatBytes, pathCrumbs, sortEntries, type FileSort } from "@/lib/sandbox/files/file-view-helpers";
import { shellQuote } from "@/lib/sandbox/files/shell-quote";
import { downloadEntry, saveBlob, uploadEntry } from "@/lib/sandbox/files/transfer";
import { sandboxKeys } from "@/lib/sandbox/cache/sandbox-keys";
import { fileLimits } from "@/lib/sandbox/request-limits";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";
import { canExec } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { queueTerminalCommand } from "@/lib/terminal/queued-command";
import { FileList } from "./file-list";
import { FilePreview } from "./file-preview";
import { NameDialog } from "./name-dialog";
import { Transfers, type Transfer } from "./transfers";

type DialogState =
  | { kind: "mkdir" }
  | { kind: "rename"; entry: FileEntry }
  | { kind: "delete"; entry: FileEntry }
  | { kind: "replace"; files: File[] }
  | null;

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";
const messageOf = (error: unknown) => (error instanceof Error ? error.message : "Something went wrong.");

/**
 * The sandbox's files: a folder at a time (home first), reached by breadcrumbs or the path box;
 * a file opens in the preview. Every call runs a command in the sandbox, so nothing polls: the
 * terminal's changes show on Refresh. Read-only, with a note, once the sandbox cannot run commands.
 */
export function FilesPanel({ sandbox, onOpenTerminal }: { sandbox: SandboxInstance; onOpenTerminal: () => void }) {
  const id = sandbox.id;
  const live = canExec(sandbox.status);
  const [path, setPath] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [showHidden, setShowHidden] = useState(false);
  const [sort, setSort] = useState<FileSort>("name");
  const [descending, setDescending] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [dragging, setDragging] = useState(false);
  const uploadInput = useRef<HTMLInputElement>(null);
  const nextTransfer = useRef(1);

  const { data, error, isValidating, mutate } = useSWR(
    sandboxKeys.files(id, path),
    ([, , sandboxId, folder]) => sandboxApi.files.list(sandboxId, folder),
    { revalidateOnFocus: false, revalidateOnReconnect: false, keepPreviousData: true, isPaused: () => !live },
  );
  // SWR keeps the last folder while the next loads: it is not shown as if it were the next.
  const current = data && (path === null || data.path === path) ? data : undefined;
  const folder = current?.path ?? path;
  const entries = useMemo(
    () =>
      sortEntries(
        (current?.entries ?? []).filter((entry) => showHidden || !entry.hidden),
        sort,
        descending,
      ),
    [current, showHidden, sort, descending],
  );
  const hiddenCount = (current?.entries ?? []).filter((entry) => entry.hidden).length;

  const go = useCallback((next: string) => {
    setPreview(null);
    setPath(next);
  }, []);

  const [pathText, setPathText] = useState("");
  const [pathProblem, setPathProblem] = useState<string | null>(null);
  const [shownFolder, setShownFolder] = useState<string | null>(null);
  if (folder !== shownFolder) {
    setShownFolder(folder);
    setPathText(folder ?? "");
    setPathProblem(null);
  }
  const submitPath = (event: FormEvent) => {
    event.preventDefault();
    const result = normalizeFilePath(pathText.trim());
    if ("problem" in result) return setPathProblem(`The path ${result.problem}.`);
    go(result.path);
  };

  const track = (kind: Transfer["kind"], name: string) => {
    const controller = new AbortController();
    const transfer: Transfer = { id: nextTransfer.current++, kind, name, loaded: 0, total: 0, cancel: () => controller.abort() };
    setTransfers((all) => [...all, transfer]);
    const progress = (loaded: number, total: number) =>
      setTransfers((all) => all.map((item) => (item.id === transfer.id ? { ...item, loaded, total } : item)));
    const done = () => setTransfers((all) => all.filter((item) => item.id !== transfer.id));
    return { signal: controller.signal, progress, done };
  };

  const download = async (target: string) => {
    const name = displayName(target.split("/").pop() || target);
    const { signal, progress, done } = track("download", name);
    try {
      const { blob, fileName } = await downloadEntry(id, target, progress, signal);
      saveBlob(blob, fileName);
    } catch (failure) {
      if (!isAbort(failure)) toast.error(`Download of ${name} failed: ${messageOf(failure)}`, { duration: Infinity });
    } finally {
      done();
    }
  };

  const upload = async (files: File[], replace: boolean) => {
    if (!folder) return;
    const taken: File[] = [];
    for (const file of files) {
      if (file.size > fileLimits.uploadBytes) {
        toast.error(`${file.name} is ${formatBytes(file.size)}: files up to ${formatBytes(fileLimits.uploadBytes)} can be uploaded here.`, {
          duration: Infinity,
        });
        continue;
      }
      const { signal, progress, done } = track("upload", displayName(file.name));
      try {
        await uploadEntry(id, folder, file, file.name, replace, progress, signal);
        toast.success(`Uploaded ${displayName(file.name)}`);
      } catch (failure) {
        if (failure instanceof SandboxApiError && failure.details && "reason" in failure.details && failure.details.reason === "exists") {
          taken.push(file);
        } else if (!isAbort(failure))
          toast.error(`Upload of ${displayName(file.name)} failed: ${messageOf(failure)}`, { duration: Infinity });
      } finally {
        done();
      }
    }
    await mutate();
    if (taken.length > 0) setDialog({ kind: "replace", files: taken });
  };

  const act = async (work: () => Promise<unknown>, success: string): Promise<string | null> => {
    try {
      await work();
      toast.success(success);
      await mutate();
      return null;
    } catch (failure) {
      return messageOf(failure);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!live || !folder) return;
    const files = [...event.dataTransfer.files];
    if (files.length > 0) void upload(files, false);
  };

  const openInTerminal = (target: string) => {
    queueTerminalCommand(id, `cd -- ${shellQuote(target)}`);
    onOpenTerminal();
  };

  const entryPath = (entry: FileEntry) => joinFilePath(folder ?? "/", entry.name);
  const crumbs = folder ? pathCrumbs(folder) : [];

  return (
    <section
      className="relative flex h-full min-h-0 flex-col gap-2"
      aria-label="Files"
      onDragOver={(event) => {
        if (!live || !event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      data-testid="files-panel"
    >
      {!live && (
        <Alert variant="neutral" icon={Lock} className="py-2" data-testid="files-read-only">
          <span>
            This sandbox is {sandbox.status.replace("_", " ")}: its files cannot be reached or changed any more.
            {current ? " The last folder read is shown as it was." : ""}
          </span>
        </Alert>
      )}

      <div className="flex flex-wrap items-center gap-2">
        <form onSubmit={submitPath} className="flex min-w-0 flex-1 basis-64 items-center gap-1">
          <label htmlFor="files-path" className="sr-only">
            Path
          </label>
          <input
            id="files-path"
            className="h-8 min-w-0 flex-1 rounded-md border border-border bg-background px-2 font-mono text-sm"
            value={pathText}
            onChange={(event) => setPathText(event.target.value)}
            placeholder="/home/agent"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={pathProblem ? true : undefined}
            aria-describedby={pathProblem ? "files-path-problem" : undefined}
            disabled={!live}
          />
          <Button size="sm" type="submit" disabled={!live}>
            Go
          </Button>
        </form>
        <div className="flex flex-wrap items-center gap-1">
          <Button size="sm" variant="ghost" onClick={() => mutate()} disabled={!live || isValidating} aria-busy={isValidating || undefined}>
            <RefreshCw className={`size-4 ${isValidating ? "animate-spin" : ""}`} aria-hidden="true" />
            Refresh
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setDialog({ kind: "mkdir" })} disabled={!live || !folder}>
            <FolderPlus className="size-4" aria-hidden="true" />
            New folder
          </Button>
          <Button size="sm" variant="ghost" onClick={() => uploadInput.current?.click()} disabled={!live || !folder}>
            <Upload className="size-4" aria-hidden="true" />
            Upload
          </Button>
          <input
            ref={uploadInput}
            type="file"
            multiple
            className="hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="files-upload-input"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = "";
              if (files.length > 0) void upload(files, false);
            }}
          />
          <Button size="sm" variant="ghost" onClick={() => folder && openInTerminal(folder)} disabled={!live || !folder}>
            <SquareTerminal className="size-4" aria-hidden="true" />
            Open in terminal
          </Button>
        </div>
      </div>
      {pathProblem && (
        <p id="files-path-problem" role="alert" className="text-sm text-danger">
          {pathProblem}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-between gap-2">
        <nav aria-label="Folder path" className="min-w-0">
          <ol className="flex flex-wrap items-center gap-0.5 text-sm">
            {crumbs.map((crumb, index) => (
              <li key={crumb.path} className="flex items-center gap-0.5">
                {index > 1 && <ChevronRight className="size-3 text-muted" aria-hidden="true" />}
                {index === crumbs.length - 1 && !preview ? (
                  <span aria-current="location" className="px-1 font-medium">
                    {displayName(crumb.name)}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="rounded px-1 text-accent hover:underline"
                    onClick={() => go(crumb.path)}
                    disabled={!live}
                  >
                    {displayName(crumb.name)}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </nav>
        {!preview && (
          <div className="flex items-center gap-3 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="checkbox" checked={showHidden} onChange={(event) => setShowHidden(event.target.checked)} />
              Hidden files{hiddenCount ? ` (${hiddenCount})` : ""}
            </label>
            <label className="flex items-center gap-1.5">
              Sort
              <select
                className="h-8 rounded-md border border-border bg-background px-1"
                value={`${sort}-${descending ? "desc" : "asc"}`}
                onChange={(event) => {
                  const [by, direction] = event.target.value.split("-") as [FileSort, string];
                  setSort(by);
                  setDescending(direction === "desc");
                }}
              >
                <option value="name-asc">Name, A to Z</option>
                <option value="name-desc">Name, Z to A</option>
                <option value="size-desc">Size, largest first</option>
                <option value="size-asc">Size, smallest first</option>
                <option value="mtime-desc">Modified, newest first</option>
                <option value="mtime-asc">Modified, oldest first</option>
              </select>
            </label>
          </div>
        )}
      </div>

      <Transfers transfers={transfers} />

      {preview ? (
        <FilePreview sandboxId={id} path={preview} onBack={() => setPreview(null)} onDownload={(target) => void download(target)} />
      ) : (
        <div className="min-h-0 flex-1 overflow-auto rounded-md border border-border" data-testid="files-list">
          {error && (
            <Alert variant="error" icon={AlertTriangle} className="m-2 flex-wrap items-center">
              <span>{messageOf(error)}</span>
              {live && (
                <Button size="sm" onClick={() => mutate()}>
                  Try again
                </Button>
              )}
              {path !== null && error instanceof SandboxApiError && error.status !== 409 && (
                <Button size="sm" variant="ghost" onClick={() => go(folder && folder !== path ? folder : "/")}>
                  Back
                </Button>
              )}
            </Alert>
          )}
          {!current && !error && live && (
            <p role="status" className="p-3 text-sm text-muted">
              Reading the folder…
            </p>
          )}
          {!live && !current && !error && <p className="p-3 text-sm text-muted">No folder was read before the sandbox stopped.</p>}
          {current && entries.length === 0 && (
            <p className="p-3 text-sm text-muted">
              {current.entries.length === 0
                ? "This folder is empty."
                : `Only hidden files here (${hiddenCount}): tick Hidden files to see them.`}
              {live ? " Drop files here, or use Upload." : ""}
            </p>
          )}
          {current && entries.length > 0 && (
            <FileList
              entries={entries}
              readOnly={!live}
              actions={{
                open: (entry) =>
                  entry.kind === "folder" || (entry.kind === "link" && entry.target_kind === "folder")
                    ? go(entryPath(entry))
                    : setPreview(entryPath(entry)),
                download: (entry) => void download(entryPath(entry)),
                rename: (entry) => setDialog({ kind: "rename", entry }),
                remove: (entry) => setDialog({ kind: "delete", entry }),
                openInTerminal: (entry) => openInTerminal(entryPath(entry)),
              }}
            />
          )}
          {current && current.total > current.entries.length && (
            <p className="border-t border-border p-2 text-sm text-muted" data-testid="files-more">
              {(current.total - current.entries.length).toLocaleString()} more not shown: a folder shows its first{" "}
              {fileLimits.listEntries.toLocaleString()} entries by name. Use the terminal to see the rest.
            </p>
          )}
        </div>
      )}

      {dragging && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center rounded-md border-2 border-dashed border-accent bg-background/80 text-sm font-medium">
          Drop to upload into {displayName(folder ?? "")}
        </div>
      )}

      <NameDialog
        open={dialog?.kind === "mkdir"}
        onOpenChange={(open) => !open && setDialog(null)}
        title="New folder"
        description={`In ${displayName(folder ?? "")}`}
        submitLabel="Create"
        onSubmit={(name) => act(() => sandboxApi.files.mkdir(id, folder!, name), `Created ${displayName(name)}`)}
      />
      <NameDialog
        open={dialog?.kind === "rename"}
        onOpenChange={(open) => !open && setDialog(null)}
        title="Rename"
        description={dialog?.kind === "rename" ? `Rename ${displayName(dialog.entry.name)} to:` : ""}
        initial={dialog?.kind === "rename" ? dialog.entry.name : ""}
        submitLabel="Rename"
        onSubmit={(name) =>
          dialog?.kind === "rename"
            ? act(() => sandboxApi.files.rename(id, entryPath(dialog.entry), name), `Renamed to ${displayName(name)}`)
            : Promise.resolve(null)
        }
      />
      <ConfirmDialog
        open={dialog?.kind === "delete"}
        onOpenChange={(open) => !open && setDialog(null)}
        title={dialog?.kind === "delete" ? `Delete ${displayName(dialog.entry.name)}?` : "Delete?"}
        description={
          dialog?.kind === "delete" && dialog.entry.kind === "folder"
            ? "The folder and everything in it are deleted from the sandbox. This cannot be undone."
            : "It is deleted from the sandbox. This cannot be undone."
        }
        confirmLabel="Delete"
        onConfirm={() => {
          if (dialog?.kind !== "delete") return;
          const entry = dialog.entry;
          void act(() => sandboxApi.files.remove(id, entryPath(entry)), `Deleted ${displayName(entry.name)}`).then(
            (failed) => failed && toast.error(failed, { duration: Infinity }),
          );
        }}
      />
      <ConfirmDialog
        open={dialog?.kind === "replace"}
        onOpenChange={(open) => !open && setDialog(null)}
        title={
          dialog?.kind === "replace" && dialog.files.length === 1
            ? `Replace ${displayName(dialog.files[0]!.name)}?`
            : "Replace these files?"
        }
        description={
          dialog?.kind === "replace"
            ? `${dialog.files.map((file) => displayName(file.name)).join(", ")} already ${dialog.files.length === 1 ? "exists" : "exist"} in ${displayName(folder ?? "")}. Replacing overwrites ${dialog.files.length === 1 ? "it" : "them"}.`
            : ""
        }
        confirmLabel="Replace"
        onConfirm={() => {
          if (dialog?.kind === "replace") void upload(dialog.files, true);
        }}
      />
    </section>
  );
}
