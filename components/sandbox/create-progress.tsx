"use client";

import { Check, Circle, Loader2 } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useNow } from "@/hooks/use-now";
import { formatCountdown } from "@/lib/sandbox/format";
import type { SandboxInstance } from "@/lib/sandbox/types";

const steps = [
  { status: "creating", label: "Creating the container" },
  { status: "starting", label: "Starting it" },
  { status: "ready", label: "Ready" },
] as const;

/** The steps the new sandbox has reached (its row comes by realtime), with the time spent so far. */
export function CreateProgress({ since, knownIds, rows }: { since: number; knownIds: ReadonlySet<string>; rows: SandboxInstance[] }) {
  const now = useNow();
  // The newest row that was not there when the request went out and was created after it.
  const row = rows
    .filter((candidate) => !knownIds.has(candidate.id) && Date.parse(candidate.created_at) >= since - 10_000)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
  const reached = row ? steps.findIndex((step) => step.status === row.status) : -1;
  return (
    <div className="flex flex-col gap-4" role="status" aria-live="polite" data-testid="create-progress">
      <ol className="flex flex-col gap-2">
        {steps.map((step, index) => {
          const done = index < reached || (index === reached && step.status === "ready");
          const current = index === reached + (reached === -1 ? 1 : 0) && !done;
          return (
            <li
              key={step.status}
              className={cn("flex items-center gap-2 text-sm", !done && !current && "text-muted")}
              data-step={step.status}
              data-state={done ? "done" : current ? "current" : "waiting"}
            >
              {done ? (
                <Check className="size-4 text-success" aria-hidden="true" />
              ) : current ? (
                <Loader2 className="size-4 animate-spin" aria-hidden="true" />
              ) : (
                <Circle className="size-4" aria-hidden="true" />
              )}
              {step.label}
              {done && <span className="sr-only">(done)</span>}
            </li>
          );
        })}
      </ol>
      <p className="text-sm text-muted">
        {row ? (
          <>
            <code className="font-mono">{row.sandbox_id}</code> ·{" "}
          </>
        ) : null}
        <span className="tabular-nums">{formatCountdown(now - since)}</span> elapsed. This can take up to two minutes. You can close this
        dialog: it continues in the background and the sandbox is already in your list.
      </p>
    </div>
  );
}
