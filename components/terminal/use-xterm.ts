"use client";

import { FitAddon } from "@xterm/addon-fit";
import { SearchAddon } from "@xterm/addon-search";
import { Unicode11Addon } from "@xterm/addon-unicode11";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { WebglAddon } from "@xterm/addon-webgl";
import { Terminal, type IMarker } from "@xterm/xterm";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useEffectiveStatus } from "@/hooks/use-effective-status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";
import { hasHardwareWebgl } from "@/lib/terminal/hardware-webgl";
import { LineEditor, type EditorState } from "@/lib/terminal/line-editor";
import { queuedTerminalCommandsVersion, subscribeQueuedTerminalCommands, takeQueuedTerminalCommand } from "@/lib/terminal/queued-command";
import { terminalShortcut } from "@/lib/terminal/shortcuts";
import { swallowTerminalQueries } from "@/lib/terminal/swallow-terminal-queries";
import { createTabExit } from "@/lib/terminal/tab-exit";
import { terminalThemes } from "@/lib/terminal/themes";
import { exposeTerminal } from "./expose-terminal";
import { quietScrollbar } from "./quiet-scrollbar";

const scrollback = 5000;
/** Writes this long (UTF-16 units) are output pieces, parsed with the scrollbar quiet. */
const bulkWrite = 4096;

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

interface XtermOptions {
  sandbox: SandboxInstance;
  fontSize: number;
  scheme: "light" | "dark";
  /** Ctrl+F in the terminal. */
  onSearchShortcut(): void;
  /** The server said the sandbox no longer exists and sent its row, now marked stopped. */
  onSandboxGone(instance: SandboxInstance): void;
}

/**
 * The terminal's lifecycle (e2b's `use-terminal-instance.ts` pattern): xterm.js and its addons
 * opened in `containerRef`'s element, the line editor wired to it and to the exec route, kept in
 * step with the sandbox's status, the font size and the colour scheme, and disposed on unmount.
 */
export function useXterm({ sandbox, fontSize, scheme, onSearchShortcut, onSandboxGone }: XtermOptions) {
  const containerRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const editorRef = useRef<LineEditor | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const [editorState, setEditorState] = useState<EditorState | null>(null);
  const status = useEffectiveStatus(sandbox);
  const availability = useMemo(() => ({ status, stopReason: sandbox.stop_reason }), [status, sandbox.stop_reason]);
  const availabilityRef = useRef(availability);
  const callbacks = useRef({ onSearchShortcut, onSandboxGone });
  useEffect(() => {
    availabilityRef.current = availability;
    callbacks.current = { onSearchShortcut, onSandboxGone };
  });
  const initialFontSize = useRef(fontSize);
  const initialScheme = useRef(scheme);

  const sandboxId = sandbox.id;
  const name = sandbox.sandbox_id;
  const home = sandbox.hot_path ?? undefined;
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const term = new Terminal({
      allowProposedApi: true,
      screenReaderMode: true,
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: initialFontSize.current,
      scrollback,
      // The app's 7:1 (WCAG AAA) for whatever colours a command picks; xterm gives dim text (stderr) half.
      minimumContrastRatio: 7,
      theme: terminalThemes[initialScheme.current],
    });
    // Before anything is written: xterm's answers to a program's queries would be typed as keys (goes with term).
    swallowTerminalQueries(term.parser);
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon());
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = "11";
    term.open(container);
    if (hasHardwareWebgl(document)) {
      try {
        const webgl = new WebglAddon();
        // A lost context (GPU reset, too many contexts) falls back to the DOM renderer.
        webgl.onContextLoss(() => webgl.dispose());
        term.loadAddon(webgl);
      } catch {
        // No WebGL here: the DOM renderer draws.
      }
    }
    fitIfVisible(container, fit);

    const scrollbar = quietScrollbar(term);
    let promptMarker: IMarker | undefined;
    const editor = new LineEditor({
      sandboxId,
      name,
      home,
      cols: term.cols,
      storage: sessionStorageOrNull(),
      output: {
        write: (data) =>
          new Promise<void>((resolve) => {
            if (!scrollbar || data.length < bulkWrite) return term.write(data, resolve);
            // The empty write's callback runs when xterm reaches this point: just before `data` is parsed.
            term.write("", scrollbar.pause);
            term.write(data, () => {
              scrollbar.resume();
              resolve();
            });
          }),
        // The callback runs once everything before the prompt is drawn: the cursor is at its first cell.
        promptStart: () =>
          term.write("", () => {
            promptMarker?.dispose();
            promptMarker = term.registerMarker(0);
          }),
      },
      exec: (request, signal) => sandboxApi.exec(sandboxId, request, signal),
      keptRows: () => term.rows + (term.options.scrollback ?? scrollback),
      onStateChange: (state) => {
        setEditorState(state);
        term.options.disableStdin = state.mode === "off";
      },
      // The row the server marked stopped goes into every cached list and the detail page.
      onSandboxGone: (instance) => callbacks.current.onSandboxGone(instance),
    });
    const dataListener = term.onData((data) => editor.input(data));
    const resizeListener = term.onResize(({ cols }) =>
      term.write("", () => {
        const buffer = term.buffer.active;
        const line = promptMarker && !promptMarker.isDisposed ? promptMarker.line : -1;
        const cursor = line >= 0 ? { row: buffer.baseY + buffer.cursorY - line, col: buffer.cursorX } : undefined;
        editor.resize(cols, cursor);
      }),
    );
    const tabExit = createTabExit();
    term.attachCustomKeyEventHandler((event) => {
      // Escape then Tab: not for xterm; the browser moves focus on (to the command bar).
      if (tabExit(event)) return false;
      const shortcut = terminalShortcut(event, term.hasSelection());
      if (shortcut === null) return true;
      if (event.type !== "keydown") return false;
      if (shortcut === "copy") {
        event.preventDefault();
        const selection = term.getSelection();
        if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
        term.clearSelection();
      } else if (shortcut === "search") {
        event.preventDefault();
        callbacks.current.onSearchShortcut();
      }
      // Paste: the browser's own paste event follows and xterm takes it (bracketed).
      return false;
    });

    // In screen-reader mode xterm takes typed text from keydown only; text inserted without a key
    // (emoji picker, dictation, on-screen keyboards) would be lost, so hand it over here.
    let keyHeld = false;
    const textarea = term.textarea;
    textarea?.setAttribute("aria-describedby", "terminal-tab-exit-hint");
    const onKeyDown = () => (keyHeld = true);
    const onKeyUp = () => (keyHeld = false);
    const onInput = (event: Event) => {
      const input = event as InputEvent;
      if (term.options.screenReaderMode && input.inputType === "insertText" && input.data && !input.isComposing && !keyHeld) {
        term.input(input.data, true);
      }
    };
    textarea?.addEventListener("keydown", onKeyDown);
    textarea?.addEventListener("keyup", onKeyUp);
    textarea?.addEventListener("input", onInput);

    const observer = new ResizeObserver(() => fitIfVisible(container, fit));
    observer.observe(container);
    // Hidden (display: none) and shown again: the observer sees the size change and refits.

    termRef.current = term;
    editorRef.current = editor;
    fitRef.current = fit;
    searchRef.current = search;
    const unexpose = exposeTerminal(term, editor);
    editor.start(availabilityRef.current);
    setEditorState(editor.state);

    return () => {
      textarea?.removeEventListener("keydown", onKeyDown);
      textarea?.removeEventListener("keyup", onKeyUp);
      textarea?.removeEventListener("input", onInput);
      observer.disconnect();
      dataListener.dispose();
      resizeListener.dispose();
      editor.dispose();
      term.dispose();
      termRef.current = null;
      editorRef.current = null;
      unexpose();
    };
  }, [sandboxId, name, home]);

  useEffect(() => {
    editorRef.current?.setAvailability(availability);
  }, [availability]);

  // A command another view queued (Files' "open in terminal") runs once the prompt is there.
  const queuedVersion = useSyncExternalStore(subscribeQueuedTerminalCommands, queuedTerminalCommandsVersion, () => 0);
  const idle = editorState?.mode === "idle";
  useEffect(() => {
    if (!idle) return;
    const command = takeQueuedTerminalCommand(sandboxId);
    if (command) editorRef.current?.submit(command);
  }, [idle, queuedVersion, sandboxId]);

  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.options.fontSize = fontSize;
    if (containerRef.current && fitRef.current) fitIfVisible(containerRef.current, fitRef.current);
  }, [fontSize]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = terminalThemes[scheme];
  }, [scheme]);

  const getSearch = useCallback(() => searchRef.current, []);
  return { containerRef, editorRef, termRef, editorState, getSearch };
}

/** Fits the terminal to its box, unless the box is hidden (a zero size would shrink it to nothing). */
function fitIfVisible(container: HTMLElement, fit: FitAddon) {
  if (container.clientWidth === 0 || container.clientHeight === 0) return;
  try {
    fit.fit();
  } catch {
    // Not measurable yet (fonts loading): the next resize fits.
  }
}
