/** Keys the panel takes before xterm sees them. */
export type TerminalShortcut = "copy" | "paste" | "search" | null;

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * Ctrl+Shift+C copies (and must not reach the browser: it opens the developer tools), Ctrl+C copies
 * only when text is selected (else it is the interrupt), Ctrl+Shift+V pastes, Ctrl+F searches.
 * On a Mac Cmd+C/V/F do the same.
 */
export function terminalShortcut(event: KeyLike, hasSelection: boolean): TerminalShortcut {
  if (event.altKey) return null;
  const key = event.key.toLowerCase();
  if (event.metaKey && !event.ctrlKey) {
    if (key === "c") return "copy";
    if (key === "v") return "paste";
    if (key === "f") return "search";
    return null;
  }
  if (!event.ctrlKey) return null;
  if (key === "c") return event.shiftKey || hasSelection ? "copy" : null;
  if (key === "v") return event.shiftKey ? "paste" : null;
  if (key === "f" && !event.shiftKey) return "search";
  return null;
}
