"use client";

import { AArrowDown, AArrowUp, Copy, Download, Eraser, Search, Square } from "lucide-react";
import { useEffect, useState } from "react";
import { timeoutLimits, type EditorState } from "@/lib/terminal/line-editor";
import { Button } from "@/components/ui/button";
import { IconButton } from "@/components/ui/icon-button";
import { BusyIndicator } from "./busy-indicator";
import { fontSizeLimits } from "./use-font-size";

interface TerminalToolbarProps {
  state: EditorState | null;
  fontSize: number;
  onFontSize(size: number): void;
  onTimeout(seconds: number): void;
  onCopyAll(): Promise<void>;
  onDownload(): void;
  onClear(): void;
  onSearch(): void;
  onStop(): void;
  searchOpen: boolean;
}

// The toolbar sits on the surface colour: a hover on it shows the page colour.
const onSurface = "hover:bg-background";

/** Above the terminal: what it is doing, the per-command timeout, and copy, download, clear, search and font size. */
export function TerminalToolbar(props: TerminalToolbarProps) {
  const { state } = props;
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1_500);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <div
      role="toolbar"
      aria-label="Terminal tools"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-border bg-surface px-3 py-1.5 text-sm"
    >
      <h2 id="terminal-heading" className="font-semibold">
        Terminal
      </h2>
      {/* At least 12rem: on a phone the status takes its own line rather than overlapping the controls. */}
      <div className="flex min-w-0 grow basis-48 items-center gap-2" aria-live="polite">
        <BusyIndicator state={state} />
        {state?.mode === "busy" ? (
          <Button size="sm" onClick={props.onStop} className="h-6 gap-1 px-2 text-xs hover:bg-background [&_svg]:size-3">
            <Square aria-hidden /> Stop (Ctrl+C)
          </Button>
        ) : null}
      </div>
      <TimeoutControl
        key={state?.timeoutSeconds ?? timeoutLimits.default}
        value={state?.timeoutSeconds ?? timeoutLimits.default}
        onChange={props.onTimeout}
      />
      <div className="flex items-center">
        <IconButton
          className={onSurface}
          label="Smaller text"
          onClick={() => props.onFontSize(props.fontSize - 1)}
          disabled={props.fontSize <= fontSizeLimits.min}
        >
          <AArrowDown aria-hidden />
        </IconButton>
        <span className="w-7 text-center tabular-nums text-muted" aria-label={`Font size ${props.fontSize}`}>
          {props.fontSize}
        </span>
        <IconButton
          className={onSurface}
          label="Larger text"
          onClick={() => props.onFontSize(props.fontSize + 1)}
          disabled={props.fontSize >= fontSizeLimits.max}
        >
          <AArrowUp aria-hidden />
        </IconButton>
      </div>
      <div className="flex items-center">
        <IconButton className={onSurface} label="Search (Ctrl+F)" onClick={props.onSearch} aria-pressed={props.searchOpen}>
          <Search aria-hidden />
        </IconButton>
        <IconButton
          className={onSurface}
          label={copied ? "Copied" : "Copy all"}
          onClick={() =>
            void props.onCopyAll().then(
              () => setCopied(true),
              () => undefined,
            )
          }
        >
          <Copy aria-hidden />
        </IconButton>
        <IconButton className={onSurface} label="Download transcript" onClick={props.onDownload}>
          <Download aria-hidden />
        </IconButton>
        <IconButton className={onSurface} label="Clear (Ctrl+L)" onClick={props.onClear}>
          <Eraser aria-hidden />
        </IconButton>
      </div>
      <span className="sr-only" aria-live="polite">
        {copied ? "Transcript copied" : ""}
      </span>
    </div>
  );
}

function TimeoutControl({ value, onChange }: { value: number; onChange(seconds: number): void }) {
  const [text, setText] = useState(String(value));
  const commit = () => {
    const seconds = Number(text);
    if (Number.isFinite(seconds) && text.trim() !== "") onChange(seconds);
    else setText(String(value));
  };
  return (
    <label
      className="flex items-center gap-1 text-muted"
      title={`Each command is stopped after this many seconds (${timeoutLimits.min}–${timeoutLimits.max})`}
    >
      Timeout
      <input
        type="number"
        inputMode="numeric"
        min={timeoutLimits.min}
        max={timeoutLimits.max}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
        }}
        className="w-16 rounded-md border border-border bg-background px-1.5 py-0.5 text-right text-foreground tabular-nums"
        aria-label="Command timeout in seconds"
      />
      s
    </label>
  );
}
