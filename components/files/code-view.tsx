"use client";

import { useMemo, type CSSProperties } from "react";
import type { CodeToken } from "@/lib/sandbox/files/code-token";
import { useCodeTokens } from "./use-code-tokens";

/** Lines per block: the browser lays out and paints only the blocks in view (content-visibility). */
const blockLines = 200;

/**
 * A file's text with line numbers, shown at once and highlighted when shiki has tokenised it (small
 * files only: see use-code-tokens.ts). The text goes in blocks of 200 lines that the browser skips
 * while they are out of view, yet keeps in the page for find and copy: a 1 MiB file (33,000 lines)
 * is on screen in tens of milliseconds instead of half a second.
 */
export function CodeView({ name, content, wrap }: { name: string; content: string; wrap: boolean }) {
  const tokens = useCodeTokens(name, content);
  const lines = useMemo(() => content.split("\n"), [content]);
  const starts = useMemo(() => Array.from({ length: Math.ceil(lines.length / blockLines) }, (_, i) => i * blockLines), [lines]);
  const gutterWidth = `max(3.5em, ${String(lines.length).length + 1}ch)`;
  return (
    <div
      className="min-h-0 flex-1 overflow-auto rounded-md border border-border bg-background"
      data-testid="file-content"
      role="region"
      tabIndex={0}
      aria-label={`Contents of ${name}`}
    >
      <div className={`code-view p-2 font-mono text-xs leading-5 ${wrap ? "" : "w-max min-w-full"}`}>
        {starts.map((start) => (
          <CodeBlock
            key={start}
            start={start}
            lines={lines.slice(start, start + blockLines)}
            tokens={tokens?.slice(start, start + blockLines) ?? null}
            wrap={wrap}
            gutterWidth={gutterWidth}
          />
        ))}
      </div>
    </div>
  );
}

/**
 * One block. Plain text that does not wrap is one text node beside a gutter of numbers; highlighted
 * or wrapped text is an element a line carrying its number (`data-line`, drawn before it by CSS, so
 * a wrapped line keeps its number). Not a CSS counter: content-visibility's style containment
 * gives each line a counter of its own in Chromium, and every line read 1.
 */
function CodeBlock({
  start,
  lines,
  tokens,
  wrap,
  gutterWidth,
}: {
  start: number;
  lines: string[];
  tokens: CodeToken[][] | null;
  wrap: boolean;
  gutterWidth: string;
}) {
  // Off screen a block is as tall as its lines (leading-5: 1.25rem each) and adds no width.
  const skipped: CSSProperties = { contentVisibility: "auto", containIntrinsicSize: `auto 0px auto ${lines.length * 1.25}rem` };
  if (!tokens && !wrap) {
    return (
      <div className="flex" style={skipped}>
        <pre className="code-gutter shrink-0" style={{ width: gutterWidth }} aria-hidden="true">
          {lines.map((_, index) => start + index + 1).join("\n")}
        </pre>
        <pre className="whitespace-pre">
          <code>{lines.join("\n")}</code>
        </pre>
      </div>
    );
  }
  return (
    <pre
      className={wrap ? "break-all whitespace-pre-wrap" : "whitespace-pre"}
      style={{ ...skipped, ["--gutter-width" as string]: gutterWidth }}
    >
      <code>
        {tokens
          ? tokens.map((line, index) => (
              <span className="line" key={index} data-line={start + index + 1}>
                {line.map((token, at) => (
                  <span key={at} style={token.style}>
                    {token.content}
                  </span>
                ))}
                {"\n"}
              </span>
            ))
          : lines.map((line, index) => (
              <span className="line" key={index} data-line={start + index + 1}>
                {line}
                {"\n"}
              </span>
            ))}
      </code>
    </pre>
  );
}
