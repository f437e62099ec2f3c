"use client";

import { Loader2, Search } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useLimitCount } from "@/hooks/use-limit-count";
import { useSandboxActions } from "@/hooks/use-sandbox-actions";
import { useSandboxList, useSandboxPages } from "@/hooks/use-sandboxes";
import type { ProjectOption } from "@/lib/projects/list-projects";
import {
  activeRowsFor,
  listPageKeys,
  listPageSearch,
  showsActive,
  showsEnded,
  type ListFilter,
  type ListPageState,
} from "@/lib/sandbox/list-view-params";
import { isLeaving, isTransitional } from "@/lib/sandbox/status";
import type { SandboxInstance, SandboxListPage } from "@/lib/sandbox/types";
import { CapacityMeter, limitReason } from "./capacity-meter";
import { CreateSandboxButton } from "./create-sandbox-button";
import { FirstRunEmpty, ListErrorState, NoMatchEmpty, NothingActiveEmpty } from "./empty-states";
import { LiveIndicator } from "./live-indicator";
import { useSandboxLive } from "@/hooks/use-sandbox-live";
import { SandboxTable } from "./sandbox-row";

const noRows: never[] = [];

export interface ListFallback {
  capacity?: SandboxListPage;
  active?: SandboxListPage;
  ended?: SandboxListPage;
  endedCount?: SandboxListPage;
  failedCount?: SandboxListPage;
}

export function SandboxListView({
  initial,
  fallback,
  projects,
}: {
  initial: ListPageState;
  fallback: ListFallback;
  projects: ProjectOption[];
}) {
  const { activeLimit } = useSandboxLive();
  const [state, setState] = useState(initial);
  const [searchText, setSearchText] = useState(initial.q);
  // Only the first render's view has server data.
  const [fallbackFor] = useState(initial);
  const sameView = (a: ListPageState, b: ListPageState) => a.q === b.q && a.sort === b.sort && a.filter === b.filter;
  const fb = sameView(state, fallbackFor) ? fallback : { capacity: fallback.capacity };
  const keys = listPageKeys(state);

  const capacity = useSandboxList(keys.capacity, fb.capacity);
  const active = useSandboxList(keys.active, fb.active);
  const ended = useSandboxPages(keys.ended, fb.ended);
  const endedCount = useSandboxList(keys.endedCount, fb.endedCount);
  const failedCount = useSandboxList(keys.failedCount, fb.failedCount);
  const { stop, remove, pending } = useSandboxActions();
  const listRef = useRef<HTMLDivElement>(null);
  const { onConfirmOpen, returnFocus } = useFocusNearRow(listRef);
  const actions = useMemo(
    () => ({ pending, onStop: stop, onDelete: remove, onConfirmOpen, returnFocus }),
    [pending, stop, remove, onConfirmOpen, returnFocus],
  );
  // "Load more" goes away with the last page: focus goes to the first row it brought.
  const focusRowAt = useRef<number | null>(null);
  useEffect(() => {
    if (focusRowAt.current === null || ended.rows.length <= focusRowAt.current) return;
    rowLinks(listRef.current, "section-ended")[focusRowAt.current]?.focus();
    focusRowAt.current = null;
  }, [ended.rows.length]);
  const projectNames = useMemo(() => new Map(projects.map((p) => [p.id, p.name])), [projects]);

  // The view lives in the URL, so a reload or a shared link shows the same list.
  const update = (patch: Partial<ListPageState>) => {
    const next = { ...state, ...patch };
    setState(next);
    window.history.replaceState(null, "", `${window.location.pathname}${listPageSearch(next)}`);
  };
  useEffect(() => {
    if (searchText.trim() === state.q) return;
    const timer = setTimeout(() => update({ q: searchText.trim() }), 300);
    return () => clearTimeout(timer);
  });

  const used = useLimitCount(capacity.data?.instances ?? noRows);
  const leaving = (capacity.data?.instances ?? noRows).filter((row) => isLeaving(row.status)).length;
  const atLimit = used >= activeLimit;
  const createButton = <CreateSandboxButton projects={projects} disabledReason={atLimit ? limitReason(activeLimit) : null} />;

  const activeRows = active.data?.instances ?? noRows;
  const shownActiveRows = useMemo(() => activeRowsFor(state.filter, activeRows), [state.filter, activeRows]);
  const counts = {
    active: active.data?.pagination.total,
    // The active list holds every active row (at most the limit plus a few shutting down): counted from it.
    transition: active.data ? activeRows.filter((row) => isTransitional(row.status)).length : undefined,
    ended: endedCount.data?.pagination.total,
    failed: failedCount.data?.pagination.total,
  };
  const all = counts.active !== undefined && counts.ended !== undefined ? counts.active + counts.ended : undefined;
  const showActive = showsActive(state.filter);
  const showEnded = showsEnded(state.filter);
  const activeShown = state.filter === "transition" ? counts.transition : counts.active;
  const error = active.error ?? ended.error;
  const loading = (showActive && !active.data) || (showEnded && !ended.data);
  const filtered = state.q !== "" || state.filter !== "all";
  const nothingAtAll = !filtered && all === 0;
  const reset = () => {
    setSearchText("");
    update({ filter: "all", q: "", sort: "created" });
  };
  const retry = () => {
    void active.mutate();
    void ended.mutate();
    void endedCount.mutate();
    void failedCount.mutate();
    void capacity.mutate();
  };

  let body: ReactNode;
  if (error && !active.data && !ended.data) body = <ListErrorState message={error.message} onRetry={retry} />;
  else if (loading) body = <ListSkeleton />;
  else if (nothingAtAll) body = <FirstRunEmpty limit={activeLimit} createButton={createButton} />;
  else if (state.filter === "active" && counts.active === 0 && !state.q)
    body = (
      <NothingActiveEmpty endedCount={counts.ended ?? 0} createButton={createButton} onShowEnded={() => update({ filter: "ended" })} />
    );
  else if ((showActive ? (activeShown ?? 0) : 0) + (showEnded ? ended.total : 0) === 0 && state.filter !== "transition")
    body = <NoMatchEmpty onReset={reset} />;
  else
    body = (
      <>
        {error && <ListErrorState message={error.message} onRetry={retry} />}
        {showActive && (
          <Section title={state.filter === "transition" ? "In transition" : "Active"} count={activeShown ?? 0} testId="section-active">
            {(activeShown ?? 0) === 0 ? (
              <p className="rounded-lg border border-dashed border-border px-4 py-6 text-center text-sm text-muted">
                {state.filter === "transition"
                  ? `Nothing is starting or shutting down · ${counts.active ?? 0} active`
                  : `No active sandboxes · ${counts.ended ?? 0} ended`}
              </p>
            ) : (
              <SandboxTable
                rows={shownActiveRows}
                actions={actions}
                caption={state.filter === "transition" ? "Sandboxes in transition" : "Active sandboxes"}
                projectNames={projectNames}
              />
            )}
          </Section>
        )}
        {showEnded && (
          <Section title={state.filter === "failed" ? "Failed" : "Ended"} count={ended.total} testId="section-ended">
            {ended.total === 0 ? (
              <p className="rounded-lg border border-dashed border-border px-4 py-6 text-center text-sm text-muted">None.</p>
            ) : (
              <>
                <SandboxTable rows={ended.rows} actions={actions} caption="Ended sandboxes" projectNames={projectNames} />
                <div className="flex items-center justify-between gap-3 text-sm text-muted">
                  <span data-testid="ended-shown">
                    Showing {ended.rows.length} of {ended.total}
                  </span>
                  {ended.hasMore && (
                    <Button
                      onClick={() => {
                        focusRowAt.current = ended.rows.length;
                        void ended.loadMore();
                      }}
                      disabled={ended.isValidating}
                    >
                      {ended.isValidating && <Loader2 className="animate-spin" aria-hidden="true" />}
                      Load more
                    </Button>
                  )}
                </div>
              </>
            )}
          </Section>
        )}
      </>
    );

  return (
    <div className="flex flex-col gap-5" ref={listRef}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <h1 className="text-2xl font-semibold" tabIndex={-1} data-list-heading="">
            Sandboxes
          </h1>
          <CapacityMeter used={used} limit={activeLimit} leaving={leaving} />
          <LiveIndicator />
        </div>
        {createButton}
      </div>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div role="group" aria-label="Show" className="flex flex-wrap gap-1.5">
          {(
            [
              ["all", "All", all],
              ["active", "Active", counts.active],
              ["transition", "In transition", counts.transition],
              ["ended", "Ended", counts.ended],
              ["failed", "Failed", counts.failed],
            ] as [ListFilter, string, number | undefined][]
          ).map(([filter, label, count]) => (
            <button
              key={filter}
              type="button"
              aria-pressed={state.filter === filter}
              onClick={() => update({ filter })}
              className={cn(
                "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm",
                state.filter === filter ? "border-accent bg-accent text-accent-foreground" : "border-border hover:bg-surface",
              )}
            >
              {/* Named by what is shown ("Ended 3"): an aria-label that differs from it fails WCAG 2.5.3. */}
              {label} <span className="tabular-nums opacity-80">{count ?? "…"}</span>
            </button>
          ))}
        </div>
        <div className="flex gap-2">
          <label className="relative flex-1 sm:w-56 sm:flex-none">
            <span className="sr-only">Search by sandbox id or project</span>
            <Search className="pointer-events-none absolute top-1/2 left-2 size-4 -translate-y-1/2 text-muted" aria-hidden="true" />
            <input
              type="search"
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              placeholder="Sandbox id or project"
              maxLength={100}
              className="h-9 w-full rounded-md border border-border bg-background pr-2 pl-8 text-sm"
            />
          </label>
          <label className="flex items-center gap-1.5 text-sm">
            <span className="sr-only sm:not-sr-only">Sort</span>
            <select
              value={state.sort}
              onChange={(event) => update({ sort: event.target.value === "expires" ? "expires" : "created" })}
              className="h-9 rounded-md border border-border bg-background px-2 text-sm"
            >
              <option value="created">Newest first</option>
              <option value="expires">Least time left</option>
            </select>
          </label>
        </div>
      </div>

      {body}
    </div>
  );
}

function Section({ title, count, testId, children }: { title: string; count: number; testId: string; children: ReactNode }) {
  const id = `${testId}-heading`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2" data-testid={testId}>
      <h2 id={id} className="text-sm font-semibold tracking-wide text-muted uppercase">
        {title} <span className="tabular-nums">({count})</span>
      </h2>
      {children}
    </section>
  );
}

/** The id links of a section's rows, in order. */
const rowLinks = (root: HTMLElement | null, section?: string) =>
  Array.from(
    root?.querySelectorAll<HTMLElement>(`${section ? `[data-testid="${section}"] ` : ""}[data-testid="sandbox-row"] [data-row-link]`) ?? [],
  );

/**
 * Where focus goes after a row's confirmation: back to that row's menu while it is there (a stopped
 * row moves to Ended and is drawn anew: found again by its id), else to the row that took its place,
 * the one before, or the page heading. Kept until focus goes somewhere else on purpose.
 */
function useFocusNearRow(listRef: React.RefObject<HTMLDivElement | null>) {
  const anchor = useRef<{ sandboxId: string; index: number } | null>(null);
  const target = useCallback(() => {
    const root = listRef.current;
    const held = anchor.current;
    if (!root || !held) return null;
    const same = root.querySelector<HTMLElement>(`[data-testid="sandbox-row"][data-sandbox-id="${held.sandboxId}"]`);
    if (same) return same.querySelector<HTMLElement>("[data-row-menu]");
    const links = rowLinks(root);
    return links[Math.min(held.index, links.length - 1)] ?? root.querySelector<HTMLElement>("[data-list-heading]");
  }, [listRef]);
  const onConfirmOpen = useCallback(
    (row: SandboxInstance) => {
      const rows = Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-testid="sandbox-row"]') ?? []);
      anchor.current = {
        sandboxId: row.sandbox_id,
        index: Math.max(
          0,
          rows.findIndex((el) => el.dataset.sandboxId === row.sandbox_id),
        ),
      };
    },
    [listRef],
  );
  // A row that is removed or redrawn takes focus with it (to <body>): put it back near it.
  useEffect(() => {
    if (anchor.current && (document.activeElement === document.body || document.activeElement === null)) target()?.focus();
  });
  useEffect(() => {
    // Focus or a click elsewhere (even on the page's blank space, which focuses <body>) is the user's own move.
    const forget = (event: Event) => {
      const held = anchor.current;
      const element = event.target as HTMLElement;
      if (!held || element.closest?.('[role="alertdialog"]')) return;
      if (event.type === "focusin" && element.closest?.(`[data-sandbox-id="${held.sandboxId}"]`)) return;
      anchor.current = null;
    };
    document.addEventListener("focusin", forget);
    document.addEventListener("pointerdown", forget);
    return () => {
      document.removeEventListener("focusin", forget);
      document.removeEventListener("pointerdown", forget);
    };
  }, []);
  return { onConfirmOpen, returnFocus: target };
}

function ListSkeleton() {
  return (
    <div className="flex flex-col gap-2" role="status" aria-label="Loading sandboxes">
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-12 animate-pulse rounded-md bg-surface" />
      ))}
    </div>
  );
}
