"use client";

import { TerminalSquare } from "lucide-react";
import { canExec } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";

/** Where the terminal goes (a later issue builds it). For now it says whether the sandbox can run commands. */
export function TerminalPanelLoader({ sandbox }: { sandbox: SandboxInstance }) {
  const ready = canExec(sandbox.status);
  return (
    <section
      aria-labelledby="terminal-heading"
      className="flex flex-col gap-2 rounded-lg border border-border p-4"
      data-testid="terminal-panel"
    >
      <h2 id="terminal-heading" className="flex items-center gap-2 font-semibold">
        <TerminalSquare className="size-4" aria-hidden="true" />
        Terminal
      </h2>
      <p className="text-sm text-muted">
        {ready ? "This sandbox can run commands." : "This sandbox cannot run commands now: it is not ready or running."}
      </p>
    </section>
  );
}
