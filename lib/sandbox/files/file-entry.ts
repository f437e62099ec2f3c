/** One entry of a folder, as the Files routes answer it (no zod: the browser reads it too). */
export type FileKind = "file" | "folder" | "link" | "other";

export interface FileEntry {
  name: string;
  kind: FileKind;
  /** For a link: what it points to, and what that is ("missing" when it does not exist). */
  link_target?: string;
  target_kind?: FileKind | "missing";
  /** Bytes (a link's own size is the length of its target). */
  size: number;
  /** Modified, in ms since the epoch. */
  mtime: number;
  /** Permission bits, octal, e.g. "644". */
  mode: string;
  /** Starts with a dot: the view hides it unless asked. */
  hidden: boolean;
}

export interface FileListing {
  /** The folder, absolute. */
  path: string;
  entries: FileEntry[];
  /** Entries in the folder; more than `entries.length` when the listing was cut at its limit. */
  total: number;
}

export interface FilePreview {
  path: string;
  size: number;
  mtime: number;
  /** A NUL in its first KiB. */
  binary: boolean;
  /** Bigger than the preview's limit. */
  too_large: boolean;
  /** The text, when it is neither binary nor too large. */
  content: string | null;
}
