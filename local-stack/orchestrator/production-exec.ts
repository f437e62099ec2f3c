// The production orchestrator's exec, text for text (matrx-sandbox 6a55847,
// orchestrator/orchestrator/sandbox_manager.py: exec_in_sandbox, _parse_cwd_sentinel), so that what
// a command does here is what it does there: its wrapper makes `ls # c`, `sleep 1 &`, heredocs and a
// trailing newline syntax errors, its marker parsing strips trailing newlines, its decoding replaces
// invalid UTF-8. The dashboard's tests import it to check their expectations against production's.

export const cwdSentinel = "___MATRX_CWD_SENTINEL_9f8a7b___";

/** Python's shlex.quote. */
export function shlexQuote(s: string): string {
  if (s === "") return "''";
  // _find_unsafe = re.compile(r'[^\w@%+=:,./-]', re.ASCII).search; without the u flag \w is ASCII.
  if (!/[^\w@%+=:,./-]/.test(s)) return s;
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}

/** The text production hands to `bash -c` (an f-string there). */
export function productionWrapper(command: string, cwd: string): string {
  return `cd ${shlexQuote(cwd)} && { ${command} ; }; __matrx_ec=$?; echo '${cwdSentinel}'; pwd; exit $__matrx_ec`;
}

/**
 * bytes.decode("utf-8", errors="replace"): one U+FFFD per maximal invalid subsequence, which is
 * also what the WHATWG decoder does (the tests compare the two on the cases that differ elsewhere).
 */
export function decodeProduction(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
}

// str.isspace() in Python: what str.strip() removes. Not JavaScript's trim(), which also removes
// U+FEFF and keeps U+001C..U+001F and U+0085.
const pythonSpace = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const leadingSpace = new RegExp(`^[${pythonSpace}]+`);
const trailingSpace = new RegExp(`[${pythonSpace}]+$`);
const pythonStrip = (s: string) => s.replace(leadingSpace, "").replace(trailingSpace, "");

/**
 * _parse_cwd_sentinel on decoded stdout: without the marker (the command left with `exit`, or was
 * killed) stdout is untouched and there is no new directory; with it, stdout is what came before
 * the last marker minus its trailing newlines, and the directory is the first line after it.
 * An empty directory counts as none, as in Python (`if new_cwd:`).
 */
export function parseSentinel(raw: string): { stdout: string; cwd: string | null } {
  const idx = raw.lastIndexOf(cwdSentinel);
  if (idx === -1) return { stdout: raw, cwd: null };
  const stdout = raw.slice(0, idx).replace(/\n+$/, "");
  const after = pythonStrip(raw.slice(idx + cwdSentinel.length));
  const cwd = pythonStrip(after.split("\n")[0] ?? "");
  return { stdout, cwd: cwd || null };
}

/** Decodes raw stdout as production does, then splits off the marker and the new directory. */
export function parseProductionOutput(rawStdout: Uint8Array): { stdout: string; cwd: string | null } {
  return parseSentinel(decodeProduction(rawStdout));
}
