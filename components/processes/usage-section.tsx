"use client";

import { Alert } from "@/components/ui/alert";
import { useSandboxUsage } from "@/hooks/use-sandbox-usage";
import { formatBytes } from "@/lib/sandbox/processes/format-usage";
import { UsageCard } from "./usage-card";

/** CPU, memory and disk of the sandbox against its limits, sampled while the tab is open and the page visible. */
export function UsageSection({ id }: { id: string }) {
  const { data: usage, error, history } = useSandboxUsage(id, true);
  const cpuNow = history.at(-1)?.cpu ?? null;
  return (
    <section aria-labelledby="usage-heading" className="flex flex-col gap-2">
      <h2 id="usage-heading" className="text-sm font-semibold">
        Usage
      </h2>
      {error && !usage ? (
        <Alert variant="error">{error.message}</Alert>
      ) : (
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          <UsageCard
            label="CPU"
            share={cpuNow}
            detail={
              usage
                ? `of ${usage.cpu.limit % 1 === 0 ? usage.cpu.limit : usage.cpu.limit.toFixed(2)} CPU${usage.cpu.limit === 1 ? "" : "s"}${usage.cpu.source === "machine" ? " (the whole machine)" : ""}`
                : "Measuring…"
            }
            history={history.map((point) => point.cpu)}
          />
          <UsageCard
            label="Memory"
            share={history.at(-1)?.memory ?? null}
            detail={
              usage?.memory
                ? `${formatBytes(usage.memory.usedBytes)} of ${formatBytes(usage.memory.limitBytes)}${usage.memory.source === "machine" ? " (the whole machine)" : ""}`
                : usage
                  ? "Not reported by this sandbox"
                  : "Measuring…"
            }
            history={history.map((point) => point.memory)}
          />
          <UsageCard
            label="Disk"
            share={history.at(-1)?.disk ?? null}
            detail={
              usage?.disk
                ? `${formatBytes(usage.disk.usedBytes)} of ${formatBytes(usage.disk.limitBytes)} on ${usage.disk.path}`
                : usage
                  ? "Not reported by this sandbox"
                  : "Measuring…"
            }
          />
        </div>
      )}
    </section>
  );
}
