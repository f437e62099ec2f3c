"use client";

import { useMemo } from "react";
import { useCodeTokens } from "./use-code-tokens";

/**
 * A file's text with line numbers (a CSS counter, so wrapped lines keep theirs), shown at once and
 * highlighted when shiki has tokenised it (small files only: see use-code-tokens.ts).
 */
export function CodeView({ name, content, wrap }: { name: string; content: string; wrap: boolean }) {
  const tokens = useCodeTokens(name, content);
  const lines = useMemo(() => content.split("\n"), [content]);
  return (
    <div
      className="min-h-0 flex-1 overflow-auto rounded-md border border-border bg-background"
      data-testid="file-content"
      tabIndex={0}
      aria-label={`Contents of ${name}`}
    >
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
    </div>
  );
}
