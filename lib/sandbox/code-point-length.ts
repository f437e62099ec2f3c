/** Characters as Python's len() counts them (code points), not UTF-16 units: an emoji is one. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
