"use client";

import "@xterm/xterm/css/xterm.css";
import { useCallback, useState } from "react";
import { useSWRConfig } from "swr";
import { writeChangeToCache } from "@/lib/sandbox/cache/write-change-to-cache";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { tabExitHint } from "@/lib/terminal/tab-exit";
import { terminalThemes } from "@/lib/terminal/themes";
import { CommandBar } from "./command-bar";
import { TerminalSearchBar } from "./terminal-search-bar";
import { TerminalToolbar } from "./terminal-toolbar";
import { useColorScheme } from "./use-color-scheme";
import { useFontSize } from "./use-font-size";
import { useXterm } from "./use-xterm";

/**
 * The sandbox's terminal: xterm.js drawing what the line editor writes, each Enter one request to
 * the exec route. `sandbox` is the live row from the detail page's cache; status changes arrive here.
 */
export function TerminalPanel({ sandbox }: { sandbox: SandboxInstance }) {
  const { cache, mutate } = useSWRConfig();
  const [searchOpen, setSearchOpen] = useState(false);
  const [fontSize, setFontSize] = useFontSize();
  const scheme = useColorScheme();
  const { containerRef, editorRef, termRef, editorState, getSearch } = useXterm({
    sandbox,
    fontSize,
    scheme,
    onSearchShortcut: () => setSearchOpen(true),
    // The row the server marked stopped goes into every cached list and the detail page.
    onSandboxGone: (instance) => writeChangeToCache(cache, mutate, { type: "upsert", row: instance }),
  });

  const focusTerminal = useCallback(() => termRef.current?.focus(), [termRef]);

  const copyAll = useCallback(async () => {
    const text = editorRef.current?.plainTranscript() ?? "";
    await navigator.clipboard?.writeText(text);
  }, [editorRef]);

  const download = useCallback(() => {
    const text = editorRef.current?.plainTranscript() ?? "";
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `sandbox-${sandbox.sandbox_id}-terminal.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }, [editorRef, sandbox.sandbox_id]);

  const clear = useCallback(() => {
    editorRef.current?.clear();
    focusTerminal();
  }, [editorRef, focusTerminal]);

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
