import "server-only";
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { log } from "@/lib/log";
import type { SandboxCaller } from "../operations/sandbox-caller";
import { runToolCommand } from "../operations/run-tool-command";
import { fileLimits } from "../request-limits";
import { downloadStartCommand, readChunkBytes, readChunkCommand, removeCommand } from "./file-commands";
import { parentOf } from "./file-path";
import { runFileCommand } from "./run-file-command";

export interface Download {
  /** The name to save as: the file's, or the folder's with .tar.gz. */
  fileName: string;
  size: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * A file, or a folder packed as .tar.gz in the sandbox's /tmp, up to 25 MiB, streamed in chunks of
 * 384 KiB as they are read (one exec each). The size is known first, so the answer has a
 * Content-Length; a chunk that fails ends the stream in error, so a browser never keeps a cut file.
 */
export async function openDownload(caller: SandboxCaller, id: string, path: string, signal?: AbortSignal): Promise<Download> {
  const archive = `/tmp/.matrx-download-${randomBytes(8).toString("hex")}.tar.gz`;
  const limits = { path, limitBytes: fileLimits.downloadBytes, signal };
  const answer = await runFileCommand(caller, id, downloadStartCommand(path, archive), { ...limits, timeout: 120 });
  const match = /^([fd]) (\d+)$/.exec(answer.trim());
  if (!match) throw new ApiError("orchestrator_error", "The sandbox answered the download in a shape the dashboard does not know.");
  const folder = match[1] === "d";
  const size = Number(match[2]);
  const source = folder ? archive : path;
  const name = parentOf(path).name || "root";
  let offset = 0;
  let cleaned = !folder;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    try {
      // Not counted against the tools budget: a download the budget cut short must still clean up.
      await runToolCommand(caller, id, { command: removeCommand(archive), timeout: 10 }, undefined, { counted: false });
    } catch (error) {
      log.warn("A download's archive could not be removed from the sandbox", { error: String(error) });
    }
  };
  const readChunk = async (): Promise<Uint8Array> => {
    const length = Math.min(readChunkBytes, size - offset);
    const stdout = await runFileCommand(caller, id, readChunkCommand(source, offset, length), { path, signal });
    const chunk = Buffer.from(stdout, "base64");
    if (chunk.length === 0) throw new ApiError("conflict", `${path} changed while it was downloaded.`);
    offset += chunk.length;
    return new Uint8Array(chunk);
  };
  // The first chunk is read before the answer starts: a refusal then (the tools budget, a stopped
  // sandbox) is an error answer the browser can show, not a connection closed before any header.
  let first: Uint8Array | null = null;
  if (size > 0) {
    try {
      first = await readChunk();
    } catch (error) {
      await cleanUp();
      throw error;
    }
  }
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (first) {
          controller.enqueue(first);
          first = null;
          return;
        }
        if (offset >= size) {
          await cleanUp();
          controller.close();
          return;
        }
        controller.enqueue(await readChunk());
      } catch (error) {
        await cleanUp();
        controller.error(error);
      }
    },
    async cancel() {
      await cleanUp();
    },
  });
  return { fileName: folder ? `${name}.tar.gz` : name, size, body };
}
