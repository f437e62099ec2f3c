"use client";

import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { SearchAddon } from "@xterm/addon-search";
import { Unicode11Addon } from "@xterm/addon-unicode11";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { WebglAddon } from "@xterm/addon-webgl";
import { Terminal, type IMarker } from "@xterm/xterm";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useSWRConfig } from "swr";
import { sandboxKeys } from "@/lib/sandbox/keys";
import { writeChangeToCache } from "@/lib/sandbox/realtime/cache-writer";
import { sandboxApi } from "@/lib/sandbox/sandbox-fetcher";
import { serverNow } from "@/lib/sandbox/server-clock";
import { effectiveStatus } from "@/lib/sandbox/status";
import { toSandboxInstance } from "@/lib/sandbox/to-sandbox-instance";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { hasHardwareWebgl } from "@/lib/terminal/hardware-webgl";
import { LineEditor, type EditorState } from "@/lib/terminal/line-editor";
import { terminalShortcut } from "@/lib/terminal/shortcuts";
import { swallowTerminalQueries } from "@/lib/terminal/swallow-terminal-queries";
import { terminalThemes } from "@/lib/terminal/themes";
import { CommandBar } from "./command-bar";
import { quietScrollbar } from "./quiet-scrollbar";
import { TerminalSearchBar } from "./terminal-search-bar";
import { TerminalToolbar } from "./terminal-toolbar";
import { useColorScheme } from "./use-color-scheme";
import { useFontSize } from "./use-font-size";
import { createTabExit, tabExitHint } from "@/lib/terminal/tab-exit";
import { queuedTerminalCommandsVersion, subscribeQueuedTerminalCommands, takeQueuedTerminalCommand } from "@/lib/terminal/queued-command";

declare global {
  interface Window {
    /** The live terminal, for end-to-end tests (development builds only). */
    __terminal?: { term: Terminal; editor: LineEditor };
  }
}

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

/**
 * The sandbox's terminal: xterm.js drawing what the line editor writes, each Enter one request to
 * the exec route. `sandbox` is the live row from the detail page's cache; status changes arrive here.
 */
export function TerminalPanel({ sandbox }: { sandbox: SandboxInstance }) {
  const { cache, mutate } = useSWRConfig();
  const containerRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const editorRef = useRef<LineEditor | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const [editorState, setEditorState] = useState<EditorState | null>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const [fontSize, setFontSize] = useFontSize();
  const scheme = useColorScheme();
  const now = useExpiryClock(sandbox.expires_at);

  const status = effectiveStatus(sandbox, now);
  const availability = useMemo(() => ({ status, stopReason: sandbox.stop_reason }), [status, sandbox.stop_reason]);
  const availabilityRef = useRef(availability);
  const swrRef = useRef({ cache, mutate });
  useEffect(() => {
    availabilityRef.current = availability;
    swrRef.current = { cache, mutate };
  });
  const initialFontSize = useRef(fontSize);
  const initialScheme = useRef(scheme);

  const sandboxId = sandbox.id;
  const name = sandbox.sandbox_id;

  // A command another view queued (Files' "open in terminal") runs once the prompt is there.
  const queuedVersion = useSyncExternalStore(subscribeQueuedTerminalCommands, queuedTerminalCommandsVersion, () => 0);
  const idle = editorState?.mode === "idle";
  useEffect(() => {
    if (!idle) return;
    const command = takeQueuedTerminalCommand(sandboxId);
    if (command) editorRef.current?.submit(command);
  }, [idle, queuedVersion, sandboxId]);
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
      onSandboxGone: (instance) => {
        const { cache, mutate } = swrRef.current;
        try {
          writeChangeToCache(cache, mutate, { type: "upsert", row: toSandboxInstance(instance) });
        } catch {
          void mutate(sandboxKeys.detail(sandboxId));
        }
      },
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
        setSearchOpen(true);
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
    if (process.env.NODE_ENV !== "production") window.__terminal = { term, editor };
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
      if (window.__terminal?.term === term) delete window.__terminal;
    };
  }, [sandboxId, name, home]);

  useEffect(() => {
    editorRef.current?.setAvailability(availability);
  }, [availability]);

  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.options.fontSize = fontSize;
    if (containerRef.current && fitRef.current) fitIfVisible(containerRef.current, fitRef.current);
  }, [fontSize]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = terminalThemes[scheme];
  }, [scheme]);

  const focusTerminal = useCallback(() => termRef.current?.focus(), []);
  const getSearch = useCallback(() => searchRef.current, []);

  const copyAll = useCallback(async () => {
    const text = editorRef.current?.plainTranscript() ?? "";
    await navigator.clipboard?.writeText(text);
  }, []);

  const download = useCallback(() => {
    const text = editorRef.current?.plainTranscript() ?? "";
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `sandbox-${sandbox.sandbox_id}-terminal.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }, [sandbox.sandbox_id]);

  const clear = useCallback(() => {
    editorRef.current?.clear();
    focusTerminal();
  }, [focusTerminal]);

  return (
    <section
      aria-labelledby="terminal-heading"
      className="flex h-full min-h-[22rem] flex-col overflow-hidden rounded-lg border border-border"
      data-testid="terminal-panel"
    >
      <TerminalToolbar
        state={editorState}
        fontSize={fontSize}
        onFontSize={setFontSize}
        onTimeout={(seconds) => editorRef.current?.setTimeoutSeconds(seconds)}
        onCopyAll={copyAll}
        onDownload={download}
        onClear={clear}
        onSearch={() => setSearchOpen((open) => !open)}
        onStop={() => editorRef.current?.interrupt()}
        searchOpen={searchOpen}
      />
      {searchOpen ? (
        <TerminalSearchBar
          getSearch={getSearch}
          scheme={scheme}
          onClose={() => {
            setSearchOpen(false);
            focusTerminal();
          }}
        />
      ) : null}
      <p id="terminal-tab-exit-hint" className="sr-only">
        {tabExitHint}
      </p>
      <div className="relative min-h-0 flex-1" style={{ background: terminalThemes[scheme].background }}>
        <div ref={containerRef} className="absolute inset-0 p-2" data-testid="terminal" />
      </div>
      <CommandBar
        mode={editorState?.mode ?? "off"}
        historyEntries={() => editorRef.current?.history.entries ?? []}
        onRun={(command) => editorRef.current?.submit(command) ?? false}
        onStop={() => editorRef.current?.interrupt()}
      />
    </section>
  );
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

/** The time, moved on when the sandbox's expiry passes, so "expired by the clock" turns input off. */
function useExpiryClock(expiresAt: string | null): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!expiresAt) return;
    const wait = Date.parse(expiresAt) - serverNow();
    if (!Number.isFinite(wait) || wait < 0 || wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => setNow(serverNow()), wait + 50);
    return () => clearTimeout(timer);
  }, [expiresAt]);
  return now;
}
