"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { EditorMode } from "@/lib/terminal/line-editor";

interface CommandBarProps {
  mode: EditorMode;
  /** The terminal's history, oldest first (shared: a command run here is recalled there and back). */
  historyEntries(): readonly string[];
  onRun(command: string): boolean;
  onStop(): void;
}

/**
 * A plain one-line command field under the terminal, for phones and screen readers: it runs
 * through the same session (history, working directory, transcript) as typing into the terminal.
 */
export function CommandBar({ mode, historyEntries, onRun, onStop }: CommandBarProps) {
  const [command, setCommand] = useState("");
  // Up/Down position in the history; null while on the line being typed.
  const position = useRef<number | null>(null);
  const draft = useRef("");
  const off = mode === "off";

  const recall = (step: -1 | 1) => {
    const entries = historyEntries();
    if (entries.length === 0) return;
    const current = position.current ?? entries.length;
    const next = Math.max(0, Math.min(entries.length, current + step));
    if (position.current === null) draft.current = command;
    position.current = next === entries.length ? null : next;
    setCommand(next === entries.length ? draft.current : (entries[next] ?? ""));
  };

  return (
    <form
      className="flex items-center gap-2 border-t border-border bg-surface px-3 py-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (command.trim() === "" || !onRun(command)) return;
        setCommand("");
        position.current = null;
      }}
    >
      <label htmlFor="terminal-command-bar" className="shrink-0 text-sm font-medium">
        Command
      </label>
      <input
        id="terminal-command-bar"
        type="text"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="send"
        value={command}
        disabled={off}
        placeholder={off ? "The sandbox cannot run commands now" : "Type a command and press Enter"}
        onChange={(event) => setCommand(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowUp") {
            event.preventDefault();
            recall(-1);
          } else if (event.key === "ArrowDown") {
            event.preventDefault();
            recall(1);
          }
        }}
        className="min-w-0 flex-1 rounded-md border border-border bg-background px-2 py-1 font-mono text-sm text-foreground disabled:opacity-60"
      />
      {mode === "busy" || mode === "waiting" ? (
        <Button size="sm" onClick={onStop} className="h-7 px-3 hover:bg-background">
          Stop
        </Button>
      ) : (
        <Button type="submit" variant="primary" size="sm" disabled={mode !== "idle"} className="h-7 px-3">
          Run
        </Button>
      )}
    </form>
  );
}
