interface KeyLike {
  type: string;
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** What the terminal tells a screen reader (and the README the rest) about leaving it. */
export const tabExitHint = "Tab stays in the terminal. Press Escape, then Tab, to move to the command bar.";

/**
 * Tab is the terminal's own key, so forward Tab could never leave it (WCAG 2.1.2, no keyboard
 * trap). As in VS Code's terminal, Escape then Tab (or Shift+Tab) lets the browser move focus on.
 * Returns a key filter: true for the Tab that must go to the browser instead of the terminal.
 */
export function createTabExit(): (event: KeyLike) => boolean {
  let armed = false;
  return (event) => {
    if (event.type !== "keydown") return event.key === "Tab" && armed;
    if (event.key === "Tab" && armed && !event.ctrlKey && !event.altKey && !event.metaKey) {
      armed = false;
      return true;
    }
    if (event.key !== "Shift") armed = event.key === "Escape";
    return false;
  };
}
