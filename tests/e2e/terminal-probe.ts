// Functions that run in the page (Playwright sends their source): they use nothing of this module's scope.

/** The parts of xterm's Terminal and the app's LineEditor the probe reads (public API and a getter). */
interface ProbedTerminal {
  term: {
    buffer: { active: { baseY: number; cursorY: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } };
    onRender(listener: () => void): { dispose(): void };
  };
  editor: { state: { mode: string } };
}
interface PaintRun {
  start: number;
  rendered: number;
  painted: number;
  done: Promise<void>;
}
type ProbeWindow = Window & { __benchTerm?: ProbedTerminal; __benchRun?: PaintRun };

/** Run before the page's scripts (`page.addInitScript`): asks the production build for its terminal (components/terminal/expose-terminal.ts). */
export function requestTerminalProbe(): void {
  (window as unknown as { __terminalProbe?: boolean }).__terminalProbe = true;
}

/**
 * Finds the page's terminal, which the app hands out as `window.__terminal` when the page asked
 * (`requestTerminalProbe`). Returns which renderer draws, or null.
 */
export function findTerminal(): string | null {
  const w = window as unknown as ProbeWindow;
  const container = document.querySelector('[data-testid="terminal"]');
  const found = (w as unknown as { __terminal?: ProbedTerminal }).__terminal;
  if (!container || !found) return null;
  w.__benchTerm = found;
  // The DOM renderer draws into `.xterm-rows`; the WebGL addon replaces it with a canvas.
  return container.querySelector(".xterm-rows") ? "dom" : "webgl";
}

/** The editor waits for input with the prompt on the cursor's line. */
export function atPrompt(): boolean {
  const { term, editor } = (window as unknown as ProbeWindow).__benchTerm!;
  const buffer = term.buffer.active;
  const line = buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(true) ?? "";
  return editor.state.mode === "idle" && /^agent@sbx-[0-9a-f]{12}:[^$]*\$ ?$/.test(line);
}

/**
 * Arms the timer for one command: from the Enter keydown until xterm renders `needle` as the last
 * line of output with the prompt back on the cursor's line, and until that frame is painted (a task
 * posted from the render, which runs in requestAnimationFrame, runs after the frame). Before the
 * Enter the cursor's line holds the typed command, so an earlier run's output cannot match.
 */
export function armTerminalPaint(needle: string): void {
  const w = window as unknown as ProbeWindow;
  const { term, editor } = w.__benchTerm!;
  performance.clearResourceTimings();
  const run = { start: 0, rendered: 0, painted: 0 } as PaintRun;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Enter" && run.start === 0) run.start = performance.now();
  };
  document.addEventListener("keydown", onKey, { capture: true });
  run.done = new Promise((resolve) => {
    const listener = term.onRender(() => {
      if (run.start === 0 || editor.state.mode !== "idle") return;
      const buffer = term.buffer.active;
      const y = buffer.baseY + buffer.cursorY;
      const line = (i: number) => buffer.getLine(i)?.translateToString(true) ?? "";
      if (!/^agent@sbx-[0-9a-f]{12}:[^$]*\$ ?$/.test(line(y)) || line(y - 1) !== needle) return;
      run.rendered = performance.now();
      listener.dispose();
      document.removeEventListener("keydown", onKey, { capture: true });
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        run.painted = performance.now();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  });
  w.__benchRun = run;
}

export interface TerminalTiming {
  /** Enter keydown until the frame with the output and the prompt was painted. */
  enterToPaint: number;
  /** The exec request as the browser saw it (fetch start to the last byte of the answer), or null. */
  exec: number | null;
  /** Enter until the request started, and the answer's last byte until painted. */
  beforeExec: number | null;
  afterExec: number | null;
}

/** The armed run's timing, or null after `timeoutMs`. */
export async function awaitTerminalPaint(timeoutMs: number): Promise<TerminalTiming | null> {
  const run = (window as unknown as ProbeWindow).__benchRun!;
  const done = await Promise.race([
    run.done.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
  ]);
  if (!done) return null;
  const exec = performance
    .getEntriesByType("resource")
    .filter((entry): entry is PerformanceResourceTiming => entry.name.endsWith("/exec") && entry.startTime >= run.start)
    .at(-1);
  return {
    enterToPaint: run.painted - run.start,
    exec: exec ? exec.responseEnd - exec.startTime : null,
    beforeExec: exec ? exec.startTime - run.start : null,
    afterExec: exec ? run.painted - exec.responseEnd : null,
  };
}
