import { Terminal } from "@xterm/headless";
import { Unicode11Addon } from "@xterm/addon-unicode11";
import type { ExecResponse } from "@/lib/sandbox/types";
import { LineEditor, type ExecRequest, type LineEditorOptions, type SandboxAvailability } from "@/lib/terminal/line-editor";

const sandboxId = "12345678-aaaa-4bbb-8ccc-1234567890ab";
const sandboxName = "sbx-0123456789ab";
export const ready: SandboxAvailability = { status: "ready", stopReason: null };

/** What a screen reads and writes of a terminal: xterm's headless build, or the browser's where a test needs it. */
type ScreenTerminal = Pick<Terminal, "write" | "buffer" | "loadAddon" | "unicode" | "parser" | "onData">;

/**
 * The editor's screen in tests: xterm's own parser and buffer (`@xterm/headless`, the same code
 * as the panel's terminal without the renderer), with the panel's Unicode 11 widths.
 */
export function createScreen(cols = 80, rows = 24) {
  return screenOf(new Terminal({ cols, rows, allowProposedApi: true, scrollback: 5000 }));
}

/** A screen on a given terminal. */
export function screenOf<T extends ScreenTerminal>(term: T) {
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = "11";
  const written: string[] = [];
  return {
    term,
    written,
    write(data: string) {
      written.push(data);
      return new Promise<void>((resolve) => term.write(data, resolve));
    },
    /** Resolves once everything written so far has been parsed. */
    flush() {
      return new Promise<void>((resolve) => term.write("", resolve));
    },
    /** Every line of the buffer (scrollback included), right-trimmed, trailing empty lines dropped. */
    lines(): string[] {
      const buffer = term.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < buffer.length; i++) out.push(buffer.getLine(i)!.translateToString(true));
      while (out.length > 0 && out[out.length - 1] === "") out.pop();
      return out;
    },
    /** Lines with wrapped rows joined, as a person reads them. */
    logicalLines(): string[] {
      const buffer = term.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i)!;
        const text = line.translateToString(true);
        if (line.isWrapped && out.length > 0) out[out.length - 1] += text;
        else out.push(text);
      }
      while (out.length > 0 && out[out.length - 1] === "") out.pop();
      return out;
    },
    cursor() {
      const buffer = term.buffer.active;
      return { row: buffer.baseY + buffer.cursorY, col: buffer.cursorX };
    },
    /** The cell at an absolute buffer row and column. */
    cell(row: number, col: number) {
      return term.buffer.active.getLine(row)!.getCell(col)!;
    },
  };
}

interface PendingExec {
  request: ExecRequest;
  signal: AbortSignal;
  resolve(response: Partial<ExecResponse>): void;
  reject(error: unknown): void;
}

/** The exec route stood in by a queue the test answers by hand. */
function scriptedExec() {
  const calls: PendingExec[] = [];
  const waiters: Array<() => void> = [];
  const exec = (request: ExecRequest, signal: AbortSignal) =>
    new Promise<ExecResponse>((resolve, reject) => {
      calls.push({
        request,
        signal,
        resolve: (r) => resolve({ exit_code: 0, stdout: "", stderr: "", cwd: request.cwd ?? "/home/agent", ...r }),
        reject,
      });
      waiters.splice(0).forEach((wake) => wake());
    });
  return {
    exec,
    calls,
    /** The nth call (0-based), once it has been made. */
    async call(n: number): Promise<PendingExec> {
      while (calls.length <= n) await new Promise<void>((wake) => waiters.push(wake));
      return calls[n]!;
    },
  };
}

export function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

type AnyScreen = ReturnType<typeof screenOf<ScreenTerminal>>;

/** An editor on a screen (a headless one unless `screen` is given), its exec answered by hand. */
export function setup<S extends AnyScreen = ReturnType<typeof createScreen>>(
  options: Partial<LineEditorOptions> & { cols?: number; rows?: number; availability?: SandboxAvailability; screen?: S } = {},
) {
  const screen = (options.screen ?? createScreen(options.cols ?? 80, options.rows ?? 24)) as S;
  const api = scriptedExec();
  const states: string[] = [];
  const editor = new LineEditor({
    sandboxId,
    name: sandboxName,
    exec: api.exec,
    ...options,
    cols: options.cols ?? 80,
    output: { write: screen.write },
    onStateChange: (state) => {
      states.push(state.mode);
      options.onStateChange?.(state);
    },
  });
  editor.start(options.availability ?? ready);
  /** Types keys and waits for the screen to show them. */
  const type = async (data: string) => {
    editor.input(data);
    await screen.flush();
  };
  /** Waits until an answered command has been written out (the editor is no longer busy), then for the screen. */
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
    const deadline = Date.now() + 20_000;
    while (editor.state.mode === "busy" && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await screen.flush();
  };
  return { screen, api, editor, type, settle, states };
}

export const prompt = (cwd = "~") => `agent@${sandboxName}:${cwd}$ `;
