import { codePointWidth } from "./cell-width";

/** A cell position relative to the prompt's first cell. `col` may equal the width: the wrap is pending. */
export interface CellPosition {
  row: number;
  col: number;
}

/** Continuation marker drawn at the start of each further line of a multi-line command. */
const continuationPrompt = "> ";

/** What a piece of the edited line draws: a newline starts a continuation line, a tab four spaces. */
export function displayOf(grapheme: string): string {
  if (grapheme === "\n") return `\r\n${continuationPrompt}`;
  if (grapheme === "\t") return "    ";
  return grapheme;
}

/**
 * Where the cursor is after drawing `text` from `from` in a terminal `cols` wide, the way xterm
 * places it: a character that does not fit on the row (a wide one in the last cell) goes to the next.
 */
export function advance(from: CellPosition, text: string, cols: number): CellPosition {
  let { row, col } = from;
  for (const char of text) {
    if (char === "\r") col = 0;
    else if (char === "\n") row += 1;
    else {
      const width = codePointWidth(char.codePointAt(0)!);
      if (width === 0) continue;
      if (col + width > cols) {
        row += 1;
        col = 0;
      }
      col += width;
    }
  }
  return { row, col };
}

/** A pending wrap as the cell where the next character goes. */
export const settle = (position: CellPosition, cols: number): CellPosition =>
  position.col >= cols ? { row: position.row + 1, col: 0 } : position;

/**
 * Where the cursor is after drawing one grapheme of the line. A newline starts from the settled
 * position: the editor writes a CRLF first when a wrap is pending, so that drawing straight on and
 * moving there first end in the same place.
 */
export function advanceGrapheme(from: CellPosition, grapheme: string, cols: number): CellPosition {
  return grapheme === "\n" ? advance(settle(from, cols), displayOf(grapheme), cols) : advance(from, displayOf(grapheme), cols);
}

/** Positions before each grapheme of the line and after the last, given where the prompt ends. */
export function layoutLine(afterPrompt: CellPosition, graphemes: readonly string[], cols: number): CellPosition[] {
  const positions = [afterPrompt];
  let position = afterPrompt;
  for (const grapheme of graphemes) {
    position = advanceGrapheme(position, grapheme, cols);
    positions.push(position);
  }
  return positions;
}

/** Escape sequences that move the cursor between two positions on screen. */
export function moveCursor(from: CellPosition, to: CellPosition): string {
  let out = "";
  const rows = to.row - from.row;
  if (rows < 0) out += `\x1b[${-rows}A`;
  if (rows > 0) out += `\x1b[${rows}B`;
  if (rows === 0 && to.col === from.col) return out;
  if (rows === 0 && to.col < from.col) return `${out}\x1b[${from.col - to.col}D`;
  if (rows === 0) return `${out}\x1b[${to.col - from.col}C`;
  return `${out}\r${to.col > 0 ? `\x1b[${to.col}C` : ""}`;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The units the cursor steps over: user-perceived characters (an accent with its letter, a flag, a family emoji). */
export function splitGraphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}
