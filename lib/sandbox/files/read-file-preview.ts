import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SandboxCaller } from "../operations/sandbox-caller";
import { fileLimits } from "../request-limits";
import { readChunkBytes, readChunkCommand, readStartCommand } from "./file-commands";
import type { FilePreview } from "./file-entry";
import { readFileStart } from "./read-file-start";
import { runFileCommand } from "./run-file-command";

/**
 * A file for the preview: its size and time, and its text when it is at most 1 MiB and has no NUL
 * in its first KiB. The first command brings the file gzipped (a text file usually whole); what
 * did not fit follows in plain chunks of 384 KiB (512 KiB of base64 each).
 */
export async function readFilePreview(caller: SandboxCaller, id: string, path: string, signal?: AbortSignal): Promise<FilePreview> {
  const first = await runFileCommand(caller, id, readStartCommand(path, fileLimits.previewBytes), { path, signal });
  const [sizeText, mtimeText, data = ""] = first.trim().split(" ");
  if (!/^\d+$/.test(sizeText ?? "") || !/^\d+$/.test(mtimeText ?? ""))
    throw new ApiError("orchestrator_error", "The sandbox answered the read in a shape the dashboard does not know.");
  const size = Number(sizeText);
  const preview = { path, size, mtime: Number(mtimeText) * 1000 };
  if (size > fileLimits.previewBytes) return { ...preview, binary: false, too_large: true, content: null };
  let start: ReturnType<typeof readFileStart>;
  try {
    start = readFileStart(Buffer.from(data, "base64"));
  } catch {
    throw new ApiError("orchestrator_error", "The sandbox answered the read in a shape the dashboard does not know.");
  }
  const binary = (bytes: Buffer) => bytes.subarray(0, fileLimits.binaryProbeBytes).includes(0);
  if (binary(start.bytes)) return { ...preview, binary: true, too_large: false, content: null };
  const chunks = [start.bytes];
  let read = start.bytes.length;
  // The file may grow while it is read: never past its size when it was looked at, nor the preview's limit.
  const end = Math.min(size, fileLimits.previewBytes);
  while (!start.whole && read < end) {
    const chunk = Buffer.from(
      await runFileCommand(caller, id, readChunkCommand(path, read, Math.min(readChunkBytes, end - read)), { path, signal }),
      "base64",
    );
    if (chunk.length === 0) break;
    if (read === 0 && binary(chunk)) return { ...preview, binary: true, too_large: false, content: null };
    chunks.push(chunk);
    read += chunk.length;
  }
  return { ...preview, binary: false, too_large: false, content: Buffer.concat(chunks).toString("utf8") };
}
