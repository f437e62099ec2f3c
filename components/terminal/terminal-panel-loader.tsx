"use client";

import dynamic from "next/dynamic";

/**
 * The terminal, loaded in the browser only and in a chunk of its own: xterm.js stays out of the
 * server render and out of every page that does not show a terminal.
 */
export const TerminalPanelLoader = dynamic(() => import("./terminal-panel").then((module) => module.TerminalPanel), {
  ssr: false,
  loading: () => (
    <div className="flex h-full min-h-[22rem] items-center justify-center rounded-lg border border-border text-muted" role="status">
      Loading the terminal…
    </div>
  ),
});
