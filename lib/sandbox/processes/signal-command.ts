import type { ProcessSignal } from "./types";

/**
 * Sends `signal` to `pid` and waits up to a second for it to end. Prints one word: `missing` (no
 * such process, or only a zombie of one), `denied` (not the sandbox user's), `exited` (gone, or a zombie waiting for its
 * parent: it runs no more) or `running`. `pid` and `signal` come from the route's schema: an
 * integer and one of two names, so the text needs no quoting.
 */
export function signalCommand(pid: number, signal: ProcessSignal): string {
  if (!Number.isSafeInteger(pid) || pid < 2) throw new Error(`not a pid: ${pid}`);
  return [
    `p=${pid}`,
    // A zombie runs no more (without a PID namespace nobody may reap it soon): as good as gone.
    `case $(sed -n 's/^State:[[:space:]]*\\([A-Z]\\).*/\\1/p' /proc/$p/status 2>/dev/null) in ""|Z|X) echo missing; exit 0;; esac`,
    `kill -s ${signal === "KILL" ? "KILL" : "TERM"} -- "$p" 2>/dev/null || { [ -e /proc/$p ] && echo denied || echo missing; exit 0; }`,
    `for _ in 1 2 3 4 5 6 7 8 9 10; do`,
    `  s=$(sed -n 's/^State:[[:space:]]*\\([A-Z]\\).*/\\1/p' /proc/$p/status 2>/dev/null)`,
    `  case $s in ""|Z|X) echo exited; exit 0;; esac`,
    `  sleep 0.1`,
    `done`,
    `echo running`,
  ].join("\n");
}

export type SignalOutcome = "missing" | "denied" | "exited" | "running";

export function parseSignalOutcome(stdout: string): SignalOutcome | null {
  const word = stdout.trim();
  return word === "missing" || word === "denied" || word === "exited" || word === "running" ? word : null;
}
