import { fileLimits } from "../request-limits";
import { fileExit as x } from "./file-exit-codes";
import { parentOf } from "./file-path";
import { shellQuote as q } from "./shell-quote";

/**
 * The shell commands of the Files view, built on the server from checked paths (file-path.ts),
 * every path in single quotes (shell-quote.ts). Whatever comes back that is not plain ASCII travels
 * as base64: production's exec decodes stdout with replacement characters and strips trailing
 * newlines, which would change names and bytes. A failure ends with an exit code of file-exit-codes.ts.
 */

/** Raw bytes per read: their base64 is 512 KiB, well inside the 1 MiB output cap. */
export const readChunkBytes = 384 * 1024;

const exists = (p: string) => `{ [ -e ${p} ] || [ -L ${p} ]; }`;
const mustExist = (p: string) => `${exists(p)}||exit ${x.notFound}`;
const mustBeFolder = (p: string) => `${mustExist(p)};[ -d ${p} ]||exit ${x.notADirectory}`;
const mustBeWritableFolder = (p: string) => `${mustBeFolder(p)};[ -w ${p} ]&&[ -x ${p} ]||exit ${x.permissionDenied}`;
const mustBeReadableFile = (p: string) =>
  `${mustExist(p)};[ -d ${p} ]&&exit ${x.isADirectory};[ -f ${p} ]||exit ${x.notARegularFile};[ -r ${p} ]||exit ${x.permissionDenied}`;

/**
 * `<total> <folder, base64> <entries, base64>`: the folder's entries (hidden ones too), the first
 * 1,000 by name, each `type/target type/size/mtime/mode/name/link target` and a NUL. A name holds
 * no slash, so the fields split; no path (home) lists `$HOME`.
 */
export function listCommand(path: string | null): string {
  const p = path === null ? `"$HOME"` : q(path);
  return [
    `${mustBeFolder(p)};[ -r ${p} ]&&[ -x ${p} ]||exit ${x.permissionDenied}`,
    `cd -- ${p}||exit ${x.permissionDenied}`,
    `printf '%s ' "$(find . -mindepth 1 -maxdepth 1 -printf x|wc -c)";printf %s "$PWD"|base64 -w0;printf ' '`,
    `find . -mindepth 1 -maxdepth 1 -printf '%y/%Y/%s/%T@/%m/%f/%l\\0' 2>/dev/null|LC_ALL=C sort -z -t/ -k6|head -z -n ${fileLimits.listEntries}|base64 -w0`,
  ].join("\n");
}

/**
 * `<size> <mtime> <start, gzip then base64>` of a regular file (links followed), the start only
 * when the file is at most `maxBytes`: the file's first `maxBytes` gzipped, the gzip stream cut
 * after `readChunkBytes` bytes (readFileStart). Text usually fits whole, so a 1 MiB file is one
 * command instead of three; what does not fit is read on with readChunkCommand.
 */
export function readStartCommand(path: string, maxBytes: number): string {
  const p = q(path);
  return [
    mustBeReadableFile(p),
    `s=$(stat -L -c %s -- ${p})||exit ${x.permissionDenied};printf '%s %s ' "$s" "$(stat -L -c %Y -- ${p})"`,
    `[ "$s" -le ${maxBytes} ]||exit 0`,
    `head -c ${maxBytes} -- ${p}|gzip -c|head -c ${readChunkBytes + 1}|base64 -w0`,
  ].join("\n");
}

/** `length` bytes of a file from `offset`, base64. */
export function readChunkCommand(path: string, offset: number, length = readChunkBytes): string {
  const p = q(path);
  return `[ -r ${p} ]||exit ${x.permissionDenied}\ntail -c +${offset + 1} -- ${p}|head -c ${length}|base64 -w0`;
}

/**
 * Readies a download: `f <size>` for a file, `d <size>` for a folder packed into `archive` (a
 * .tar.gz, cut off past the limit). Over the limit, exits tooLarge (and removes the archive).
 */
export function downloadStartCommand(path: string, archive: string): string {
  const p = q(path);
  const a = q(archive);
  const max = fileLimits.downloadBytes;
  const { folder, name } = parentOf(path);
  return [
    mustExist(p),
    `if [ -d ${p} ];then`,
    `[ -r ${p} ]&&[ -x ${p} ]||exit ${x.permissionDenied}`,
    `(umask 077;tar -czf - -C ${q(folder)} -- ${q(name)} 2>/dev/null|head -c ${max + 1} >${a})`,
    `s=$(stat -c %s -- ${a});[ "$s" -le ${max} ]||{ rm -f -- ${a};exit ${x.tooLarge};};printf 'd %s' "$s"`,
    `else`,
    `[ -f ${p} ]||exit ${x.notARegularFile};[ -r ${p} ]||exit ${x.permissionDenied}`,
    `s=$(stat -L -c %s -- ${p});[ "$s" -le ${max} ]||exit ${x.tooLarge};printf 'f %s' "$s"`,
    `fi`,
  ].join("\n");
}

export function removeCommand(path: string): string {
  return `rm -f -- ${q(path)}`;
}

/**
 * Checks an upload's folder and name before any byte is sent: a folder that can be written, a
 * name that is free (or may be replaced, and is not a folder).
 */
export function uploadCheckCommand(folder: string, target: string, replace: boolean): string {
  const t = q(target);
  return [mustBeWritableFolder(q(folder)), `[ -d ${t} ]&&exit ${x.isADirectory}`, replace ? "" : `${exists(t)}&&exit ${x.exists}`, ":"]
    .filter(Boolean)
    .join("\n");
}

/** Writes (first) or appends base64 `data` to the upload's temporary file. */
export function uploadChunkCommand(temp: string, data: string, first: boolean): string {
  return `printf %s '${data}'|base64 -d ${first ? ">" : ">>"}${q(temp)}||exit ${x.permissionDenied}`;
}

/**
 * Moves a complete upload into place (`size` bytes, else it is removed); without `replace`, a name
 * taken meanwhile is left alone and the upload removed.
 */
export function uploadCommitCommand(temp: string, target: string, size: number, replace: boolean): string {
  const tmp = q(temp);
  const t = q(target);
  const gone = `{ rm -f -- ${tmp};exit`;
  return [
    size === 0 ? `: >${tmp}||exit ${x.permissionDenied}` : "",
    `[ "$(stat -c %s -- ${tmp} 2>/dev/null)" = ${size} ]||${gone} ${x.incomplete};}`,
    replace
      ? `mv -fT -- ${tmp} ${t}||${gone} ${x.permissionDenied};}`
      : `mv -nT -- ${tmp} ${t} 2>/dev/null;[ -e ${tmp} ]&&${gone} ${x.exists};}`,
    ":",
  ]
    .filter(Boolean)
    .join("\n");
}

export function mkdirCommand(folder: string, target: string): string {
  const t = q(target);
  return [mustBeWritableFolder(q(folder)), `${exists(t)}&&exit ${x.exists}`, `mkdir -- ${t}||exit ${x.permissionDenied}`].join("\n");
}

export function renameCommand(from: string, to: string): string {
  const f = q(from);
  const t = q(to);
  const { folder } = parentOf(from);
  return [mustExist(f), mustBeWritableFolder(q(folder)), `${exists(t)}&&exit ${x.exists}`, `mv -T -- ${f} ${t}`].join("\n");
}

/** Removes a file, a link (not what it points to) or a folder with everything in it. */
export function deleteCommand(path: string): string {
  const p = q(path);
  const { folder } = parentOf(path);
  return [mustExist(p), mustBeWritableFolder(q(folder)), `rm -rf -- ${p}`, `${exists(p)}&&exit ${x.permissionDenied}`, ":"].join("\n");
}
