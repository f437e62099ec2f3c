/** Output of a command as the terminal needs it. Pure: the editor decides when to write. */

/** Terminal line endings: a bare `\n` only moves down, so make each one `\r\n`. A lone `\r` stays (progress bars). */
export const toTerminalLineEndings = (text: string) => text.replace(/\r?\n/g, "\r\n");

// Anything but printable text, tab, CR and LF: escapes and controls change state that lasts past their line.
const stateChange = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
const notPrintableAscii = /[^\x20-\x7e]/;

/** Rows a line (without its line break) takes at least: printable ASCII wraps every `cols` characters. */
function rowsAtLeast(line: string, cols: number): number {
  return notPrintableAscii.test(line) ? 1 : Math.max(1, Math.ceil(line.length / cols));
}

/**
 * Splits terminal text (CRLF line endings) into a start that cannot be on screen or in scrollback
 * once the rest is written, and that rest. A terminal `cols` wide keeping `keptRows` rows (screen
 * and scrollback) has pushed out all that came before the last `keptRows` rows, and plain text
 * leaves no state behind (colours, modes, cursor), so writing only `shown` ends in the same buffer
 * as writing everything. Only whole lines of plain text are dropped.
 */
export function dropScrolledOff(text: string, keptRows: number, cols: number): { dropped: string; shown: string } {
  const none = { dropped: "", shown: text };
  if (!(keptRows >= 1) || !(cols >= 1)) return none;
  // Lines end at each \n, counted back from the last one (what follows it is on a row of its own).
  let lineEnd = text.lastIndexOf("\n");
  let rows = 0;
  let cut = -1;
  while (lineEnd >= 0) {
    const lineStart = text.lastIndexOf("\n", lineEnd - 1) + 1;
    const line = text.slice(lineStart, text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd);
    rows += rowsAtLeast(line, cols);
    if (rows >= keptRows) {
      cut = lineStart;
      break;
    }
    lineEnd = lineStart - 1;
  }
  if (cut <= 0) return none;
  const control = text.slice(0, cut).search(stateChange);
  if (control !== -1) cut = text.lastIndexOf("\n", control) + 1;
  return { dropped: text.slice(0, cut), shown: text.slice(cut) };
}

/** Pieces of at most `size` UTF-16 units, never splitting a surrogate pair. */
export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/**
 * Red for stderr, put back after each reset the command itself writes. Not dim (SGR 2): xterm draws
 * dim text at half opacity, about 2.5:1 on either background, under the 4.5:1 text needs.
 */
export function styleStderr(text: string): string {
  return `${stderrStyle}${text.replace(/\x1b\[0?m/g, `$&${stderrStyle}`)}\x1b[0m`;
}
const stderrStyle = "\x1b[31m";

/**
 * Written after every answer so that whatever the command left behind cannot break the prompt:
 * CAN ends an unfinished escape sequence (ST an unfinished string), a soft reset (DECSTR) puts back
 * colours, character sets, cursor, scroll region and the insert, origin, wrap and cursor-key modes
 * without moving the cursor, then mouse reporting, focus events and the alternate screen are
 * turned off and bracketed paste on again.
 */
export const modeReset =
  "\x18\x1b\\" +
  "\x1b[!p\x1b[0m\x1b[4l\x1b[?7h\x1b[?25h\x1b[?1l\x1b>" +
  "\x1b[?9l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1004l\x1b[?1005l\x1b[?1006l\x1b[?1015l" +
  "\x1b[?1047l" +
  "\x1b[?2004h";

// CSI, OSC/DCS/PM/APC strings, the other escapes (ESC, any intermediates 0x20-0x2f, one final
// 0x30-0x7e: `ESC >` and `ESC =` of the keypad modes, `ESC 7`, `ESC ( B`...), and C0 controls
// other than \n and \t.
const ansiPattern = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|\x1b[ -/]*[0-~]|[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * Terminal text as plain text: escapes removed, `\r\n` as `\n`, and a line rewritten with `\r`
 * (a progress bar) kept as its last state.
 */
export function toPlainText(terminalText: string): string {
  return terminalText
    .split("\n")
    .map((line) => {
      const parts = line.replace(/\r+$/, "").split("\r");
      return (parts[parts.length - 1] ?? "").replace(ansiPattern, "");
    })
    .join("\n");
}

/** Output ended at the start of a line (ignoring trailing escapes), so the prompt needs no new line first. */
export function endsAtLineStart(terminalText: string): boolean {
  const stripped = terminalText.replace(/(?:\x1b\[[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]|[\x0e\x0f\x18])+$/, "");
  return stripped === "" || stripped.endsWith("\n");
}
