"use client";

import { useRef, useState } from "react";
import { RefreshCw } from "lucide-react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { IconButton } from "@/components/ui/icon-button";
import { useSandboxProcesses } from "@/hooks/use-sandbox-processes";
import type { SandboxApiError } from "@/lib/sandbox/api-client";
import { formatBytes, formatElapsed } from "@/lib/sandbox/processes/format-usage";
import type { ProcessSignal, SandboxProcess } from "@/lib/sandbox/processes/types";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";
import { canExec } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { UsageSection } from "./usage-section";

type Confirming = { process: SandboxProcess; signal: ProcessSignal } | null;
type Notice = { variant: "success" | "error" | "info"; text: string } | null;

const shortCommand = (command: string) => (command.length > 60 ? `${command.slice(0, 59)}…` : command);

/**
 * The Processes tab: usage, then the sandbox's processes, refreshed while the tab is open and the
 * page visible; stop sends TERM after a confirmation, and offers KILL when the process survives it.
 */
export function ProcessesPanel({ sandbox }: { sandbox: Pick<SandboxInstance, "id" | "status"> }) {
  const running = canExec(sandbox.status);
  const { data, error, isValidating, mutate } = useSandboxProcesses(sandbox.id, running);
  const [showOwn, setShowOwn] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());
  const [notice, setNotice] = useState<Notice>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const lastAsked = useRef<number | null>(null);

  if (!running) {
    return (
      <Alert variant="neutral" data-testid="processes-not-running">
        This sandbox is {sandbox.status.replace("_", " ")}: its processes can be seen only while it is ready or running.
      </Alert>
    );
  }

  const processes = data?.processes ?? [];
  const own = processes.filter((p) => p.dashboard);
  const shown = showOwn ? processes : processes.filter((p) => !p.dashboard);

  const send = async (process: SandboxProcess, signal: ProcessSignal) => {
    setPending((set) => new Set(set).add(process.pid));
    setNotice(null);
    try {
      const result = await sandboxApi.signalProcess(sandbox.id, process.pid, { signal });
      if (result.outcome === "exited") {
        setNotice({
          variant: "success",
          text: `Process ${process.pid} (${shortCommand(process.command)}) ${signal === "KILL" ? "was killed" : "stopped"}.`,
        });
      } else if (signal === "TERM") {
        setConfirming({ process, signal: "KILL" });
      } else {
        setNotice({
          variant: "error",
          text: `Process ${process.pid} is still there after KILL: it may be waiting on the system. Try again in a moment.`,
        });
      }
    } catch (failure) {
      const problem = failure as SandboxApiError;
      setNotice({ variant: problem.status === 404 ? "info" : "error", text: problem.message });
    } finally {
      setPending((set) => {
        const next = new Set(set);
        next.delete(process.pid);
        return next;
      });
      void mutate();
    }
  };

  // Back to the row's Stop button while the process is listed, else to the heading.
  const focusAfterDialog = () =>
    tableRef.current?.querySelector<HTMLButtonElement>(`[data-pid="${lastAsked.current}"]`) ?? headingRef.current;

  return (
    <div className="flex flex-col gap-4" data-testid="processes-panel">
      <UsageSection id={sandbox.id} />

      <section aria-labelledby="processes-heading" className="flex min-w-0 flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="processes-heading" ref={headingRef} tabIndex={-1} className="text-sm font-semibold">
            Processes{data ? ` (${shown.length})` : ""}
          </h2>
          <div className="flex items-center gap-2">
            <label className="flex items-center gap-1.5 text-sm text-muted">
              <input
                type="checkbox"
                checked={showOwn}
                onChange={(event) => setShowOwn(event.target.checked)}
                className="size-4 accent-accent"
              />
              Show the dashboard&apos;s own ({own.length})
            </label>
            <IconButton label="Refresh the list" size="sm" onClick={() => void mutate()} disabled={isValidating}>
              <RefreshCw className={isValidating ? "animate-spin" : undefined} aria-hidden="true" />
            </IconButton>
          </div>
        </div>

        <div aria-live="polite" role="status" className="empty:hidden">
          {notice && (
            <Alert variant={notice.variant} role="none">
              {notice.text}
            </Alert>
          )}
        </div>
        {error && (
          <Alert variant="error">
            {error.message}
            {data ? " The list below is from the last answer." : ""}
          </Alert>
        )}

        {!data && !error ? (
          <p className="text-sm text-muted" role="status">
            Loading processes…
          </p>
        ) : data && shown.length === 0 ? (
          <p className="rounded-lg border border-dashed border-border p-4 text-sm text-muted" data-testid="processes-empty">
            Nothing of yours is running. A server or job started in the terminal with <code>&amp;</code> (e.g. <code>sleep 300 &amp;</code>)
            shows up here.
          </p>
        ) : data ? (
          <div className="overflow-x-auto rounded-lg border border-border">
            <table ref={tableRef} className="w-full text-left text-sm" data-testid="process-table">
              <caption className="sr-only">Processes in this sandbox, refreshed every few seconds</caption>
              <thead className="bg-surface text-xs text-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    PID
                  </th>
                  <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                    User
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    CPU
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Memory
                  </th>
                  <th scope="col" className="hidden px-3 py-2 text-right font-medium sm:table-cell">
                    Running for
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Command
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.pid} className="border-t border-border" data-testid="process-row">
                    <td className="px-3 py-1.5 tabular-nums">{p.pid}</td>
                    <td className="hidden px-3 py-1.5 sm:table-cell">{p.user}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{p.cpuPercent.toFixed(1)}%</td>
                    <td className="px-3 py-1.5 text-right tabular-nums whitespace-nowrap">{formatBytes(p.memoryBytes)}</td>
                    <td className="hidden px-3 py-1.5 text-right tabular-nums whitespace-nowrap sm:table-cell">
                      {formatElapsed(p.elapsedSeconds)}
                    </td>
                    <td className="max-w-0 w-full px-3 py-1.5">
                      <span className="block truncate font-mono text-xs" title={p.command}>
                        {p.command}
                      </span>
                    </td>
                    <td className="px-3 py-1.5 text-right">
                      {p.dashboard || p.pid === 1 ? (
                        // pid 1 holds the sandbox itself: stopping it would end the sandbox (the routes refuse it).
                        <span className="text-xs whitespace-nowrap text-muted">{p.dashboard ? "dashboard" : "sandbox"}</span>
                      ) : (
                        <Button
                          size="sm"
                          data-pid={p.pid}
                          disabled={pending.has(p.pid)}
                          aria-label={`Stop process ${p.pid}, ${shortCommand(p.command)}`}
                          onClick={() => {
                            lastAsked.current = p.pid;
                            setConfirming({ process: p, signal: "TERM" });
                          }}
                        >
                          {pending.has(p.pid) ? "Stopping…" : "Stop"}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={
          confirming?.signal === "KILL" ? `Process ${confirming.process.pid} is still running` : `Stop process ${confirming?.process.pid}?`
        }
        description={
          confirming?.signal === "KILL" ? (
            <>
              It did not end within a second of being asked to (TERM). Kill it? KILL ends it at once, without letting it clean up:{" "}
              <code className="break-all">{shortCommand(confirming.process.command)}</code>
            </>
          ) : (
            <>
              <code className="break-all">{shortCommand(confirming?.process.command ?? "")}</code> is asked to end (TERM), so that it can
              clean up first. If it does not, you can kill it.
            </>
          )
        }
        confirmLabel={confirming?.signal === "KILL" ? "Kill process" : "Stop process"}
        onConfirm={() => confirming && void send(confirming.process, confirming.signal)}
        returnFocus={focusAfterDialog}
      />
    </div>
  );
}
