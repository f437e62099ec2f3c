"use client";

import { useState } from "react";

/**
 * Copies text to the clipboard and says so for a moment (`copied`). A refused clipboard (no
 * permission, an insecure context) changes nothing: the text stays selectable where it is shown.
 */
export function useCopy(): { copied: boolean; copy: (value: string) => Promise<void> } {
  const [copied, setCopied] = useState(false);
  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Refused: nothing to say.
    }
  };
  return { copied, copy };
}
