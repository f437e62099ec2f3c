/** Larger than any screen's rows or columns; small enough that a loop this long costs xterm nothing. */
const maxCsiCount = 999;

// CSI (7-bit or C1) with plain numeric parameters and one of the finals whose numbers are counts or
// positions: insert/delete/erase characters and lines, cursor moves, scroll (S, T), tabs (I, Z), repeat (b).
const countedCsi = /(\x1b\[|\x9b)([0-9;]*)([@A-HILMPSTXZ`abdef])/g;

/**
 * xterm.js runs some of these once per counted step (`CSI 2147483647 S` scrolls two billion times;
 * `CSI n b` allocates n cells), so one line of a command's output could freeze the page for minutes.
 * Past any screen's size, a larger count changes nothing on screen, so it is lowered to `maxCsiCount`.
 */
export function clampCsiCounts(text: string): string {
  if (!text.includes("\x1b[") && !text.includes("\x9b")) return text;
  return text.replace(countedCsi, (whole, intro: string, params: string, final: string) => {
    if (!/\d{4}/.test(params)) return whole;
    return intro + params.replace(/\d+/g, (n) => (Number(n) > maxCsiCount ? String(maxCsiCount) : n)) + final;
  });
}
