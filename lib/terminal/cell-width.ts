import { Unicode11Addon } from "@xterm/addon-unicode11";

interface UnicodeProvider {
  wcwidth(codePoint: number): 0 | 1 | 2;
}

// The addon's width table is the one the panel's terminal uses; take it from the addon itself
// (it only calls `unicode.register`), so the editor's layout and xterm's never disagree.
let provider: UnicodeProvider | undefined;
new Unicode11Addon().activate({ unicode: { register: (p: UnicodeProvider) => (provider = p) } } as never);
const unicode11 = provider as UnicodeProvider;

/** Cells one code point takes in the terminal (Unicode 11 widths): 0 for combining marks, 2 for CJK and emoji. */
export function codePointWidth(codePoint: number): 0 | 1 | 2 {
  return unicode11.wcwidth(codePoint);
}

/** Cells a string of printable characters takes, ignoring wrapping. */
export function stringWidth(text: string): number {
  let width = 0;
  for (const char of text) width += codePointWidth(char.codePointAt(0)!);
  return width;
}
