import type { FileEntry, FileKind, FileListing } from "./file-entry";

const kinds: Record<string, FileKind> = { f: "file", d: "folder", l: "link" };
const kindOf = (code: string): FileKind => kinds[code] ?? "other";

/** Reads `listCommand`'s output (see file-commands.ts). Null when it is not that shape. */
export function parseListing(stdout: string): FileListing | null {
  // An empty folder's entries are an empty string: the line ends in the space before them.
  const match = /^\s*(\d+) ([A-Za-z0-9+/=]*) ([A-Za-z0-9+/=]*)\s*$/.exec(stdout);
  if (!match) return null;
  const path = Buffer.from(match[2]!, "base64").toString("utf8");
  const raw = Buffer.from(match[3]!, "base64");
  const entries: FileEntry[] = [];
  let start = 0;
  for (let end = raw.indexOf(0, start); end !== -1; start = end + 1, end = raw.indexOf(0, start)) {
    const entry = parseEntry(raw.subarray(start, end).toString("utf8"));
    if (entry) entries.push(entry);
  }
  return { path, entries, total: Math.max(Number(match[1]), entries.length) };
}

function parseEntry(record: string): FileEntry | null {
  const fields: string[] = [];
  let rest = record;
  // type, target type, size, mtime, mode, name: none holds a slash. The link target is the rest.
  for (let i = 0; i < 6; i++) {
    const at = rest.indexOf("/");
    if (at === -1) return null;
    fields.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  const [type, targetType, size, mtime, mode, name] = fields as [string, string, string, string, string, string];
  const kind = kindOf(type);
  const entry: FileEntry = {
    name,
    kind,
    size: Number(size) || 0,
    mtime: Math.round(Number(mtime) * 1000) || 0,
    mode,
    hidden: name.startsWith("."),
  };
  if (kind === "link") {
    entry.link_target = rest;
    entry.target_kind = targetType === "N" || targetType === "L" ? "missing" : kindOf(targetType);
  }
  return entry;
}
