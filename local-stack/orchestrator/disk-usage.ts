import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import type { HostCommands } from "./host-commands.ts";

/**
 * Past this many entries a walk in this process costs more CPU than a `du` beside it: about 45 µs
 * an entry against 11 to 13 ms a `du`, fork included (measured on the 2-core machine of the load run).
 */
const walkLimit = 250;
/** A tree found larger is measured by `du`, and walked again after this long (it may have shrunk). */
const largeTreeRecheckMs = 10_000;
const largeSince = new Map<string, number>();

/**
 * Bytes on disk under the folders, as `du -s -c -x -B1` counts them: the blocks each entry holds
 * (a sparse file counts what it uses; folders count too), a hard-linked file once, nothing on
 * another file system. Small trees, what almost every sandbox holds, are walked here: `du` is a
 * fork, and forks are what the machine spends most on when commands run back to back (the disk is
 * measured before every command and every 250 ms while it runs). Larger trees go to `du`.
 */
export async function diskUsage(folders: string[], commands: HostCommands, now = Date.now()): Promise<number> {
  const key = folders.join("\0");
  const large = largeSince.get(key);
  if (large === undefined || now - large > largeTreeRecheckMs) {
    const walked = await walk(folders);
    largeSince.delete(key);
    if (walked !== null) return walked;
    largeSince.set(key, now);
    // Sandboxes deleted while large are never measured again: the oldest entries go.
    if (largeSince.size > 1_000) largeSince.delete(largeSince.keys().next().value!);
  }
  const { stdout } = await commands.run("du", ["-s", "-c", "-x", "-B1", ...folders]);
  // du exits 1 when a file vanished or could not be read meanwhile; its total still counts the rest.
  const total = /^(\d+)\s+total$/m.exec(stdout)?.[1];
  return total ? Number(total) : 0;
}

/** The folders' usage, or null past `walkLimit` entries. Entries that vanish meanwhile count nothing, as in du. */
async function walk(folders: string[]): Promise<number | null> {
  const seen = new Set<string>();
  let bytes = 0;
  let entries = 0;
  const visit = async (file: string, device: number | undefined): Promise<boolean> => {
    if (++entries > walkLimit) return false;
    const stat = await lstat(file, { bigint: false }).catch(() => null);
    if (!stat || (device !== undefined && stat.dev !== device)) return true;
    const inode = `${stat.dev}:${stat.ino}`;
    if (seen.has(inode)) return true;
    seen.add(inode);
    bytes += stat.blocks * 512;
    if (!stat.isDirectory()) return true;
    const names = await readdir(file).catch(() => [] as string[]);
    for (const name of names) if (!(await visit(path.join(file, name), stat.dev))) return false;
    return true;
  };
  for (const folder of folders) if (!(await visit(folder, undefined))) return null;
  return bytes;
}
