"use client";

import { useMemo } from "react";
import { useCodeTokens } from "./use-code-tokens";

/**
 * A file's text with line numbers, shown at once and highlighted when shiki has tokenised it (small
 * files only: see use-code-tokens.ts). Highlighted or wrapped text gets an element a line (a CSS
 * counter numbers them, so wrapped lines keep theirs); plain text that does not wrap is one text node
 * beside a gutter of numbers, which a 1 MiB file needs to show quickly.
 */
export function CodeView({ name, content, wrap }: { name: string; content: string; wrap: boolean }) {
  const tokens = useCodeTokens(name, content);
  const lines = useMemo(() => content.split("\n"), [content]);
  const numbers = useMemo(() => lines.map((_, index) => index + 1).join("\n"), [lines]);
  return (
    <div
      className="min-h-0 flex-1 overflow-auto rounded-md border border-border bg-background"
      data-testid="file-content"
      role="region"
      tabIndex={0}
      aria-label={`Contents of ${name}`}
    >
      {tokens || wrap ? (
        <pre className={`code-view p-2 font-mono text-xs leading-5 ${wrap ? "break-all whitespace-pre-wrap" : "whitespace-pre"}`}>
          <code>
            {tokens
              ? tokens.map((line, index) => (
                  <span className="line" key={index}>
                    {line.map((token, at) => (
                      <span key={at} style={token.style}>
                        {token.content}
                      </span>
                    ))}
                    {"\n"}
                  </span>
                ))
              : lines.map((line, index) => (
                  <span className="line" key={index}>
                    {line}
                    {"\n"}
                  </span>
                ))}
          </code>
        </pre>
      ) : (
        <div className="code-view flex w-max min-w-full p-2 font-mono text-xs leading-5">
          <pre className="code-gutter shrink-0" aria-hidden="true">
            {numbers}
          </pre>
          <pre className="whitespace-pre">
            <code>{content}</code>
          </pre>
        </div>
      )}
    </div>
  );
}
