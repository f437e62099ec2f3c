"use client";

import type { ISearchOptions, SearchAddon } from "@xterm/addon-search";
import { ChevronDown, ChevronUp, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { IconButton } from "@/components/ui/icon-button";

const onSurface = "hover:bg-background";

const decorations: Record<"light" | "dark", ISearchOptions["decorations"]> = {
  light: {
    matchBackground: "#fde68a",
    activeMatchBackground: "#f59e0b",
    matchOverviewRuler: "#d97706",
    activeMatchColorOverviewRuler: "#b45309",
  },
  dark: {
    matchBackground: "#854d0e",
    activeMatchBackground: "#ca8a04",
    matchOverviewRuler: "#facc15",
    activeMatchColorOverviewRuler: "#fde047",
  },
};

/** Find in the terminal's buffer (addon-search): Enter for the next match, Shift+Enter the previous, Escape closes. */
export function TerminalSearchBar({
  getSearch,
  scheme,
  onClose,
}: {
  getSearch(): SearchAddon | null;
  scheme: "light" | "dark";
  onClose(): void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [term, setTerm] = useState("");
  const [results, setResults] = useState<{ resultIndex: number; resultCount: number } | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  useEffect(() => {
    const search = getSearch();
    if (!search) return;
    const listener = search.onDidChangeResults((event) => setResults(event));
    return () => {
      listener.dispose();
      search.clearDecorations();
    };
  }, [getSearch]);

  const options: ISearchOptions = { decorations: decorations[scheme] };
  const find = (direction: "next" | "previous", value = term, incremental = false) => {
    const search = getSearch();
    if (!search) return;
    if (!value) {
      search.clearDecorations();
      setResults(null);
      return;
    }
    if (direction === "next") search.findNext(value, { ...options, incremental });
    else search.findPrevious(value, options);
  };

  return (
    <div role="search" className="flex items-center gap-2 border-b border-border bg-surface px-3 py-1.5 text-sm">
      <input
        ref={inputRef}
        type="search"
        value={term}
        placeholder="Find in terminal"
        aria-label="Find in terminal"
        className="min-w-0 flex-1 rounded-md border border-border bg-background px-2 py-0.5 text-foreground"
        onChange={(event) => {
          setTerm(event.target.value);
          find("next", event.target.value, true);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            find(event.shiftKey ? "previous" : "next");
          } else if (event.key === "Escape") {
            event.preventDefault();
            onClose();
          }
        }}
      />
      <span className="w-24 text-right tabular-nums text-muted" aria-live="polite">
        {term && results ? (results.resultCount === 0 ? "No matches" : `${results.resultIndex + 1} of ${results.resultCount}`) : ""}
      </span>
      <IconButton
        size="sm"
        className={onSurface}
        label="Previous match"
        tooltip="Previous match (Shift+Enter)"
        onClick={() => find("previous")}
        disabled={!term}
      >
        <ChevronUp aria-hidden />
      </IconButton>
      <IconButton
        size="sm"
        className={onSurface}
        label="Next match"
        tooltip="Next match (Enter)"
        onClick={() => find("next")}
        disabled={!term}
      >
        <ChevronDown aria-hidden />
      </IconButton>
      <IconButton size="sm" className={onSurface} label="Close search" tooltip="Close (Escape)" onClick={onClose}>
        <X aria-hidden />
      </IconButton>
    </div>
  );
}
