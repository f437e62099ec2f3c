"use client";

import { useEffect, useState } from "react";
import { onServerClockChange, serverNow } from "@/lib/sandbox/server-clock";

/** The server's time, ticking every `intervalMs` (countdowns). Before hydration it is the render's `initial`. */
export function useNow(intervalMs = 1_000, initial?: number): number {
  const [now, setNow] = useState(() => initial ?? serverNow());
  useEffect(() => {
    const tick = () => setNow(serverNow());
    tick();
    const timer = setInterval(tick, intervalMs);
    const stop = onServerClockChange(tick);
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [intervalMs]);
  return now;
}
