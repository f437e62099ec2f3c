import { fileLimits } from "../request-limits";

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * An absolute path made plain (`.`, `..` and repeated slashes resolved as text), or the reason it
 * cannot be one. A path always starts with `/`, so no argument ever starts with a dash.
 */
export function normalizeFilePath(path: string): { path: string } | { problem: string } {
  if (!path.startsWith("/")) return { problem: "must be an absolute path (starting with /)" };
  if (path.includes("\0")) return { problem: "must not contain NUL characters" };
  if (utf8Length(path) > fileLimits.pathBytes) return { problem: `must be at most ${fileLimits.pathBytes} bytes` };
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return { path: `/${parts.join("/")}` };
}

/** A file name on its own: no slash, not `.` or `..`, at most 255 bytes; or the reason it cannot be one. */
export function fileNameProblem(name: string): string | null {
  if (name === "") return "must not be empty";
  if (name.includes("/")) return "must not contain a slash";
  if (name.includes("\0")) return "must not contain NUL characters";
  if (name === "." || name === "..") return "must not be . or ..";
  if (utf8Length(name) > fileLimits.nameBytes) return `must be at most ${fileLimits.nameBytes} bytes`;
  return null;
}

export function joinFilePath(folder: string, name: string): string {
  return folder === "/" ? `/${name}` : `${folder}/${name}`;
}

/** The folder a path is in and its last name ("/" and "" for the root). */
export function parentOf(path: string): { folder: string; name: string } {
  const at = path.lastIndexOf("/");
  return { folder: at <= 0 ? "/" : path.slice(0, at), name: path.slice(at + 1) };
}
