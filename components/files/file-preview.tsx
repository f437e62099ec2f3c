"use client";

import { AlertTriangle, ArrowLeft, Copy, Download, WrapText } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import useSWR from "swr";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";
import { fileLimits } from "@/lib/sandbox/request-limits";
import { displayName, fileTypeLabel, formatBytes } from "@/lib/sandbox/files/file-view-helpers";
import { formatExact } from "@/lib/sandbox/format";

// The highlighter comes with the code view, when a file is opened: never in a page's first load.
const CodeView = dynamic(() => import("./code-view").then((module) => module.CodeView), {
  ssr: false,
  loading: () => (
    <p className="p-3 text-sm text-muted" role="status">
      Loading the viewer…
    </p>
  ),
});

/** One file: its text with line numbers, wrap and copy; a binary or too big one, its size, type and Download. */
export function FilePreview({
  sandboxId,
  path,
  onBack,
  onDownload,
}: {
  sandboxId: string;
  path: string;
  onBack: () => void;
  onDownload: (path: string) => void;
}) {
  const { data, error, isLoading } = useSWR(
    ["sandbox-file", sandboxId, path] as const,
    ([, id, filePath]) => sandboxApi.files.read(id, filePath),
    {
      revalidateOnFocus: false,
    },
  );
  const [wrap, setWrap] = useState(false);
  const name = path.split("/").pop() ?? path;

  const copy = () =>
    navigator.clipboard.writeText(data?.content ?? "").then(
      () => toast.success(`Copied ${displayName(name)}`),
      () => toast.error("The clipboard refused: select the text instead."),
    );

  return (
    <section className="flex min-h-0 flex-1 flex-col gap-2" aria-labelledby="file-preview-title">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="ghost" onClick={onBack}>
          <ArrowLeft className="size-4" aria-hidden="true" />
          Back to the folder
        </Button>
        <h2 id="file-preview-title" className="min-w-0 flex-1 truncate font-mono text-sm font-semibold" title={path}>
          {displayName(name)}
        </h2>
        {data && (
          <span className="text-xs text-muted">
            {formatBytes(data.size)} · modified {formatExact(data.mtime)}
          </span>
        )}
        {data?.content !== null && data && (
          <>
            <Button size="sm" variant="ghost" aria-pressed={wrap} onClick={() => setWrap(!wrap)}>
              <WrapText className="size-4" aria-hidden="true" />
              Wrap
            </Button>
            <Button size="sm" variant="ghost" onClick={copy}>
              <Copy className="size-4" aria-hidden="true" />
              Copy
            </Button>
          </>
        )}
        <Button size="sm" onClick={() => onDownload(path)}>
          <Download className="size-4" aria-hidden="true" />
          Download
        </Button>
      </div>
      {isLoading && (
        <p role="status" className="p-3 text-sm text-muted">
          Reading {displayName(name)}…
        </p>
      )}
      {error && (
        <Alert variant="error" icon={AlertTriangle}>
          {error.message}
        </Alert>
      )}
      {data && data.content === null && (
        <div className="flex flex-col items-start gap-2 rounded-md border border-border p-4 text-sm" data-testid="file-no-preview">
          <p>
            <strong>{fileTypeLabel(name, data.binary)}</strong>, {formatBytes(data.size)}.
          </p>
          <p className="text-muted">
            {data.binary
              ? "This file is binary (it holds NUL bytes), so it is not shown here."
              : `This file is larger than ${formatBytes(fileLimits.previewBytes)}, so it is not shown here.`}{" "}
            {data.size <= fileLimits.downloadBytes
              ? "Download it to open it."
              : `Files up to ${formatBytes(fileLimits.downloadBytes)} can be downloaded.`}
          </p>
        </div>
      )}
      {data && data.content !== null && <CodeView name={name} content={data.content} wrap={wrap} />}
    </section>
  );
}
