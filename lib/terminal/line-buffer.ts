import type { KeyAction } from "./key-parser";
import { splitGraphemes } from "./line-layout";

const isWordChar = (grapheme: string) => /^[\p{L}\p{N}_]/u.test(grapheme);
const isSpace = (grapheme: string) => /^\s/u.test(grapheme);

/**
 * The line being typed: its graphemes and the cursor among them, with readline's word motions.
 * Knows nothing of the screen: each change says from which grapheme on the line is different,
 * and the editor redraws from there.
 */
export class LineBuffer {
  private graphemeList: string[] = [];
  private at = 0;

  get graphemes(): readonly string[] {
    return this.graphemeList;
  }

  get cursor(): number {
    return this.at;
  }

  get text(): string {
    return this.graphemeList.join("");
  }

  /** Replaces the line, the cursor at `cursor` (past the end: at the end). Returns the first grapheme that changed. */
  set(text: string, cursor = Infinity): number {
    const previous = this.graphemeList;
    const next = splitGraphemes(text);
    let first = 0;
    while (first < previous.length && first < next.length && previous[first] === next[first]) first++;
    this.graphemeList = next;
    this.at = Math.min(cursor, next.length);
    return first;
  }

  /** Replaces graphemes `from`..`to` with `text`, leaving the cursor after it. Returns the first grapheme that changed. */
  replace(from: number, to: number, text: string): number {
    const before = this.graphemeList.slice(0, from).join("") + text;
    // Re-split the whole line: an accent typed after a letter joins it.
    return this.set(before + this.graphemeList.slice(to).join(""), splitGraphemes(before).length);
  }

  insert(text: string): number {
    return this.replace(this.at, this.at, text);
  }

  /** Empties the line without drawing (it has been left on screen). */
  reset() {
    this.graphemeList = [];
    this.at = 0;
  }

  /** Moves the cursor within the line; false when it does not move. */
  moveTo(index: number): boolean {
    const target = Math.max(0, Math.min(index, this.graphemeList.length));
    if (target === this.at) return false;
    this.at = target;
    return true;
  }

  /** Where a motion key takes the cursor, or null when `action` is no motion. */
  motionTarget(action: KeyAction): number | null {
    const c = this.at;
    switch (action) {
      case "left":
        return c - 1;
      case "right":
        return c + 1;
      case "home":
        return 0;
      case "end":
        return this.graphemeList.length;
      case "wordLeft":
        return this.wordStartBefore(c, isWordChar);
      case "wordRight":
        return this.wordEndAfter(c, isWordChar);
      default:
        return null;
    }
  }

  /**
   * The graphemes a deleting key removes, `[from, to]`; null when `action` deletes nothing
   * (another key, or a character key at the line's edge).
   */
  deletion(action: KeyAction): [number, number] | null {
    const n = this.graphemeList.length;
    const c = this.at;
    switch (action) {
      case "backspace":
        return c > 0 ? [c - 1, c] : null;
      case "delete":
      case "deleteOrEof":
        return c < n ? [c, c + 1] : null;
      case "killToStart":
        return [0, c];
      case "killToEnd":
        return [c, n];
      case "killWordBefore":
        return [this.wordStartBefore(c, (g) => !isSpace(g)), c];
      case "killWordAfter":
        return [c, this.wordEndAfter(c, isWordChar)];
      default:
        return null;
    }
  }

  private wordStartBefore(from: number, inWord: (g: string) => boolean): number {
    let i = from;
    while (i > 0 && !inWord(this.graphemeList[i - 1]!)) i--;
    while (i > 0 && inWord(this.graphemeList[i - 1]!)) i--;
    return i;
  }

  private wordEndAfter(from: number, inWord: (g: string) => boolean): number {
    const n = this.graphemeList.length;
    let i = from;
    while (i < n && !inWord(this.graphemeList[i]!)) i++;
    while (i < n && inWord(this.graphemeList[i]!)) i++;
    return i;
  }
}
