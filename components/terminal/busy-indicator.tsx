"use client";

import { useEffect, useState } from "react";
import type { EditorState } from "@/lib/terminal/line-editor";

/** What the terminal is doing: running a command (with its elapsed time), waiting out a rate limit, ready, or off. */
export function BusyIndicator({ state }: { state: EditorState | null }) {
  const [now, setNow] = useState(() => Date.now());
  const ticking = state?.mode === "busy" || state?.mode === "waiting";
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [ticking]);

  if (!state) return <span className="text-muted">Starting…</span>;
  if (state.mode === "busy" && state.startedAt !== null) {
    const seconds = Math.max(0, (now - state.startedAt) / 1000);
    return (
      <span className="flex min-w-0 items-center gap-2" data-testid="terminal-busy">
        <span aria-hidden className="size-2 shrink-0 animate-pulse rounded-full bg-accent" />
        <span className="truncate">
          Running <code className="font-mono">{firstLine(state.command ?? "")}</code>
        </span>
        <span className="shrink-0 tabular-nums text-muted">{seconds.toFixed(1)} s</span>
      </span>
    );
  }
  if (state.mode === "waiting" && state.waitUntil !== null) {
    return <span className="text-muted">Rate limited: prompt back in {Math.max(0, Math.ceil((state.waitUntil - now) / 1000))} s</span>;
  }
  if (state.mode === "off") return <span className="text-muted">Input off: this sandbox cannot run commands now.</span>;
  if (state.mode === "confirm") return <span className="text-muted">Waiting for your answer</span>;
  return <span className="text-muted">This sandbox can run commands.</span>;
}

const firstLine = (command: string) => {
  const [first = "", ...rest] = command.split("\n");
  return rest.length > 0 ? `${first} …` : first;
};
