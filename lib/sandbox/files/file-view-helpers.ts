import type { FileEntry } from "./file-entry";

export type FileSort = "name" | "size" | "mtime";

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Folders first (and links to folders), then by the chosen key; ties by name. */
export function sortEntries(entries: FileEntry[], sort: FileSort, descending: boolean): FileEntry[] {
  const sign = descending ? -1 : 1;
  return [...entries].sort((a, b) => {
    const folders = Number(isFolderLike(b)) - Number(isFolderLike(a));
    if (folders !== 0) return folders;
    const byKey = sort === "size" ? a.size - b.size : sort === "mtime" ? a.mtime - b.mtime : 0;
    return sign * (byKey || collator.compare(a.name, b.name));
  });
}

export const isFolderLike = (entry: FileEntry) => entry.kind === "folder" || (entry.kind === "link" && entry.target_kind === "folder");

/** "1.2 MB" style, in binary units as the limits are. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A name as one line: control characters (a newline in a name) drawn as visible symbols. */
export const displayName = (name: string) =>
  name.replace(/[\u0000-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0))).replace(/\u007f/g, "\u2421");

/** The folders of a path from the root, each with its own path, for breadcrumbs. */
export function pathCrumbs(path: string): Array<{ name: string; path: string }> {
  const crumbs = [{ name: "/", path: "/" }];
  let at = "";
  for (const part of path.split("/").filter(Boolean)) {
    at += `/${part}`;
    crumbs.push({ name: part, path: at });
  }
  return crumbs;
}

const kinds: Record<string, string> = {
  png: "PNG image",
  jpg: "JPEG image",
  jpeg: "JPEG image",
  gif: "GIF image",
  webp: "WebP image",
  svg: "SVG image",
  pdf: "PDF document",
  zip: "ZIP archive",
  gz: "gzip archive",
  tgz: "gzip archive",
  tar: "tar archive",
  xz: "xz archive",
  so: "shared library",
  o: "object file",
  pyc: "Python bytecode",
  whl: "Python wheel",
  jar: "Java archive",
  sqlite: "SQLite database",
  db: "database",
  mp3: "audio",
  mp4: "video",
  wasm: "WebAssembly module",
};

/** A word on what a file is, from its name: shown beside its size where no preview is. */
export function fileTypeLabel(name: string, binary: boolean): string {
  const extension = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  return kinds[extension] ?? (binary ? "Binary file" : extension ? `${extension.toUpperCase()} file` : "File");
}
