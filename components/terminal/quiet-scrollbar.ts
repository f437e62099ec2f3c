import type { Terminal } from "@xterm/xterm";

/** The part of xterm's (private) scrollbar element used here; both methods exist in xterm 6. */
interface ScrollableElement {
  setRevealOnScroll(value: boolean): void;
  _reveal?(): void;
}

/**
 * Switches off, while a large piece of output is parsed, the scrollbar's reveal on every scroll:
 * xterm 6 re-arms the scrollbar's hide timer (a clearTimeout and a setTimeout) for each line that
 * scrolls (xtermjs/xterm.js#6102), most of the cost of writing thousands of lines. The scrollbar is
 * shown once when the piece is done instead. Null when this xterm has no such element (the writes
 * then just cost more).
 */
export function quietScrollbar(term: Terminal): { pause(): void; resume(): void } | null {
  const element = (term as unknown as { _core?: { _viewport?: { _scrollableElement?: Partial<ScrollableElement> } } })._core?._viewport
    ?._scrollableElement;
  if (typeof element?.setRevealOnScroll !== "function") return null;
  const scrollable = element as ScrollableElement;
  return {
    pause: () => scrollable.setRevealOnScroll(false),
    resume: () => {
      scrollable.setRevealOnScroll(true);
      if (typeof scrollable._reveal === "function") scrollable._reveal();
    },
  };
}
