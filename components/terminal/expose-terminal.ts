import type { Terminal } from "@xterm/xterm";
import type { LineEditor } from "@/lib/terminal/line-editor";

declare global {
  interface Window {
    /** The live terminal, for end-to-end tests and the bench. */
    __terminal?: { term: Terminal; editor: LineEditor };
    /** Set before the page's scripts run (Playwright's `addInitScript`) to get `__terminal` in a production build. */
    __terminalProbe?: boolean;
  }
}

/**
 * The explicit probe: hands the live terminal to tests (always in development) and to the bench (in
 * a production build, only when the page asked with `window.__terminalProbe`). Returns its undoing.
 */
export function exposeTerminal(term: Terminal, editor: LineEditor): () => void {
  if (process.env.NODE_ENV === "production" && !window.__terminalProbe) return () => undefined;
  window.__terminal = { term, editor };
  return () => {
    if (window.__terminal?.term === term) delete window.__terminal;
  };
}
