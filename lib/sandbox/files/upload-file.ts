import "server-only";
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { log } from "@/lib/log";
import { codePointLength } from "../code-point-length";
import { runToolCommand } from "../operations/run-tool-command";
import type { SandboxCaller } from "../operations/sandbox-caller";
import { maxCommandLength } from "../request-limits";
import { removeCommand, uploadCheckCommand, uploadChunkCommand, uploadCommitCommand } from "./file-commands";
import { joinFilePath } from "./file-path";
import { runFileCommand } from "./run-file-command";

export interface UploadInput {
  folder: string;
  name: string;
  data: Uint8Array;
  replace: boolean;
}

/**
 * Writes a file into a folder of the sandbox: checked first (folder writable, name free unless
 * `replace`), then sent in base64 chunks that keep each command within the exec's limit, into a
 * temporary name beside the target, moved into place only when whole. A failure removes the
 * temporary file, so no half file is ever left under the name.
 */
export async function uploadFile(
  caller: SandboxCaller,
  id: string,
  input: UploadInput,
  signal?: AbortSignal,
): Promise<{ path: string; size: number }> {
  const target = joinFilePath(input.folder, input.name);
  await runFileCommand(caller, id, uploadCheckCommand(input.folder, target, input.replace), { path: target, signal });
  const temp = joinFilePath(input.folder, `.matrx-upload-${randomBytes(8).toString("hex")}`);
  const room = maxCommandLength - codePointLength(uploadChunkCommand(temp, "", false));
  const chunkBytes = Math.floor(room / 4) * 3;
  if (chunkBytes < 1024) throw new ApiError("validation", "The folder's path is too long to upload into.");
  const data = Buffer.from(input.data);
  try {
    for (let offset = 0; offset < data.length; offset += chunkBytes) {
      const chunk = data.subarray(offset, offset + chunkBytes).toString("base64");
      await runFileCommand(caller, id, uploadChunkCommand(temp, chunk, offset === 0), { path: target, signal });
    }
    await runFileCommand(caller, id, uploadCommitCommand(temp, target, data.length, input.replace), { path: target, signal });
    return { path: target, size: data.length };
  } catch (error) {
    await removeQuietly(caller, id, temp);
    throw error;
  }
}

async function removeQuietly(caller: SandboxCaller, id: string, temp: string) {
  try {
    await runToolCommand(caller, id, { command: removeCommand(temp), timeout: 10 });
  } catch (error) {
    log.warn("An upload's temporary file could not be removed from the sandbox", { error: String(error) });
  }
}
