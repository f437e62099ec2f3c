import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The first folder above `dir` that `uid` (with group `gid`) may not enter, or null. A folder not
 * made yet blocks nothing: the orchestrator makes its data dir 0711.
 */
function blockingFolder(dir: string, uid: number, gid: number): string | null {
  const above: string[] = [];
  for (let at = path.dirname(path.resolve(dir)); ; at = path.dirname(at)) {
    above.unshift(at);
    if (at === path.dirname(at)) break;
  }
  for (const folder of above) {
    let stats;
    try {
      stats = statSync(folder);
    } catch {
      return null;
    }
    const search = stats.uid === uid ? 0o100 : stats.gid === gid ? 0o010 : 0o001;
    if ((stats.mode & search) === 0) return folder;
  }
  return null;
}

/**
 * Where the sandboxes live when their commands run as `uid`: `dataDir`, or, when that uid cannot
 * reach it (a clone in a 0700 folder such as `mktemp -d` makes, run as root), a folder of the
 * system's temp dir named after it, the same one on every start. Without this every sandbox failed
 * its readiness check after 30 s, saying only that the command timed out.
 */
export function reachableDataDir(dataDir: string, uid: number, log: (line: string) => void): string {
  const blocked = blockingFolder(dataDir, uid, uid);
  if (!blocked) return dataDir;
  const fallback = path.join(os.tmpdir(), `matrx-sandboxes-${createHash("sha256").update(dataDir).digest("hex").slice(0, 12)}`);
  log(`uid ${uid}, which runs sandbox commands, cannot enter ${blocked}: the sandboxes live in ${fallback} instead of ${dataDir}`);
  return fallback;
}
