"use client";

import { useEffect, useState } from "react";
import { onServerClockChange, serverNow } from "@/lib/sandbox/server-clock";

/** setTimeout's longest delay; a later moment is checked again then. */
const maxDelayMs = 2 ** 31 - 1;

/**
 * The server's time, re-rendering once when it reaches `at` (an expiry) and when the server clock's
 * correction changes, not every second: a list of rows must not all re-render for a countdown they do
 * not show. NaN or Infinity: no timer.
 */
export function useClockAt(at: number): number {
  const [now, setNow] = useState(serverNow);
  const [corrections, setCorrections] = useState(0);
  useEffect(
    () =>
      onServerClockChange(() => {
        setNow(serverNow());
        setCorrections((count) => count + 1);
      }),
    [],
  );
  useEffect(() => {
    if (!Number.isFinite(at)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Always from a timer, never during the commit: what was rendered stays until the clock moves.
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(serverNow());
          if (serverNow() < at) schedule();
        },
        Math.min(Math.max(at - serverNow() + 10, 0), maxDelayMs),
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [at, corrections]);
  return now;
}
