import { constants, gunzipSync } from "node:zlib";
import { fileLimits } from "../request-limits";
import { readChunkBytes } from "./file-commands";

/**
 * What readStartCommand's gzip stream holds: the file's first bytes, and whether they are all of it
 * (the stream was not cut). A cut stream still gives every byte it got to (a sync flush instead of
 * an error at its end); an empty one (no gzip in the sandbox) gives none, and the file is read plain.
 * A sandbox is its user's to change: a stream that would inflate past the preview's limit (a gzip
 * bomb from a doctored `gzip`) throws instead of filling the server's memory.
 */
export function readFileStart(packed: Buffer): { bytes: Buffer; whole: boolean } {
  if (packed.length === 0) return { bytes: Buffer.alloc(0), whole: false };
  const bytes = gunzipSync(packed, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: fileLimits.previewBytes });
  return { bytes, whole: packed.length <= readChunkBytes };
}
