"use client";

import { useTheme } from "next-themes";
import { useSyncExternalStore } from "react";

const query = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(query);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** The app's colour scheme: the theme chosen in the header (next-themes), else the system's. */
export function useColorScheme(): "light" | "dark" {
  const { resolvedTheme } = useTheme();
  const system = useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(query).matches ? "dark" : "light"),
    () => "light" as const,
  );
  return resolvedTheme === "dark" || resolvedTheme === "light" ? resolvedTheme : system;
}
