import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SandboxCaller } from "../operations/sandbox-caller";
import { fileLimits } from "../request-limits";
import { readChunkBytes, readChunkCommand, readStartCommand } from "./file-commands";
import type { FilePreview } from "./file-entry";
import { runFileCommand } from "./run-file-command";

/**
 * A file for the preview: its size and time, and its text when it is at most 1 MiB and has no NUL
 * in its first KiB. Read in chunks of 384 KiB (512 KiB of base64 each).
 */
export async function readFilePreview(caller: SandboxCaller, id: string, path: string, signal?: AbortSignal): Promise<FilePreview> {
  const first = await runFileCommand(caller, id, readStartCommand(path, fileLimits.previewBytes), { path, signal });
  const [sizeText, mtimeText, data = ""] = first.trim().split(" ");
  if (!/^\d+$/.test(sizeText ?? "") || !/^\d+$/.test(mtimeText ?? ""))
    throw new ApiError("orchestrator_error", "The sandbox answered the read in a shape the dashboard does not know.");
  const size = Number(sizeText);
  const preview = { path, size, mtime: Number(mtimeText) * 1000 };
  if (size > fileLimits.previewBytes) return { ...preview, binary: false, too_large: true, content: null };
  const chunks = [Buffer.from(data, "base64")];
  if (chunks[0]!.subarray(0, fileLimits.binaryProbeBytes).includes(0)) return { ...preview, binary: true, too_large: false, content: null };
  // The file may grow while it is read: never past the preview's limit.
  let read = chunks[0]!.length;
  while (read < size && chunks.at(-1)!.length === readChunkBytes) {
    const length = Math.min(readChunkBytes, fileLimits.previewBytes - read);
    if (length <= 0) break;
    const chunk = Buffer.from(await runFileCommand(caller, id, readChunkCommand(path, read, length), { path, signal }), "base64");
    chunks.push(chunk);
    read += chunk.length;
  }
  return { ...preview, binary: false, too_large: false, content: Buffer.concat(chunks).toString("utf8") };
}
