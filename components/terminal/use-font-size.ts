"use client";

import { useCallback, useState } from "react";

export const fontSizeLimits = { min: 10, max: 24, default: 14 } as const;
const storageKey = "sandbox-terminal:font-size";

function storedFontSize(): number {
  try {
    const value = Number(window.localStorage.getItem(storageKey));
    if (Number.isInteger(value) && value >= fontSizeLimits.min && value <= fontSizeLimits.max) return value;
  } catch {
    // No storage: the default.
  }
  return fontSizeLimits.default;
}

/** The terminal's font size, the same for every sandbox and remembered in this browser. */
export function useFontSize(): [number, (size: number) => void] {
  const [size, setSize] = useState(storedFontSize);
  const set = useCallback((next: number) => {
    const clamped = Math.min(fontSizeLimits.max, Math.max(fontSizeLimits.min, Math.round(next)));
    setSize(clamped);
    try {
      window.localStorage.setItem(storageKey, String(clamped));
    } catch {
      // Not remembered.
    }
  }, []);
  return [size, set];
}
