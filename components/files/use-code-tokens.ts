"use client";

import { useEffect, useState } from "react";
import type { CodeToken } from "@/lib/sandbox/files/code-token";
import { highlightLanguage } from "@/lib/sandbox/files/highlight-language";

/** Files past this are shown plain: tokenising them would keep the page busy for seconds. */
const maxHighlightedChars = 256 * 1024;

/**
 * The text's tokens, coloured for the light and dark themes (`--shiki-dark`), from shiki's core
 * with its JavaScript regex engine and only the one grammar the file needs; null until ready, for
 * a language it does not know, or a large file.
 */
export function useCodeTokens(name: string, content: string): CodeToken[][] | null {
  const [tokens, setTokens] = useState<{ content: string; lines: CodeToken[][] } | null>(null);
  const language = highlightLanguage(name);
  useEffect(() => {
    if (!language || content.length > maxHighlightedChars) return;
    let cancelled = false;
    void (async () => {
      const { highlight } = await import("@/lib/sandbox/files/highlight");
      const lines = await highlight(content, language);
      if (!cancelled) setTokens({ content, lines });
    })().catch(() => {
      // The plain text stays: highlighting is a nicety.
    });
    return () => {
      cancelled = true;
    };
  }, [content, language]);
  return tokens?.content === content ? tokens.lines : null;
}
