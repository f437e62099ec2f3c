import { sandboxKeys } from "./cache/sandbox-keys";
import { listSorts, maxListLimit } from "./request-limits";
import { activeStatuses, endedStatuses, isTransitional, type SandboxStatus } from "./status";

const listFilters = ["all", "active", "transition", "ended", "failed"] as const;
export type ListFilter = (typeof listFilters)[number];
export type ListSort = (typeof listSorts)[number];

export interface ListPageState {
  filter: ListFilter;
  q: string;
  sort: ListSort;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

const first = (params: Params, name: string) => {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

/** The list page's view from its URL (`?view=ended&q=sbx-3f&sort=expires`); unknown values fall back to defaults. */
export function readListPageState(params: Params): ListPageState {
  const view = first(params, "view");
  const sort = first(params, "sort");
  return {
    filter: (listFilters as readonly string[]).includes(view) ? (view as ListFilter) : "all",
    q: first(params, "q").trim().slice(0, 100),
    sort: (listSorts as readonly string[]).includes(sort) ? (sort as ListSort) : "created",
  };
}

export function listPageSearch(state: ListPageState): string {
  const params = new URLSearchParams();
  if (state.filter !== "all") params.set("view", state.filter);
  if (state.q) params.set("q", state.q);
  if (state.sort !== "created") params.set("sort", state.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Filters that show the active section / the ended one ("transition" is the active section's rows in a transitional status). */
export const showsActive = (filter: ListFilter) => filter === "all" || filter === "active" || filter === "transition";
export const showsEnded = (filter: ListFilter) => filter === "all" || filter === "ended" || filter === "failed";

/** The active section's rows a filter shows: under "transition" only those on their way to another status. */
export const activeRowsFor = <T extends { status: SandboxStatus }>(filter: ListFilter, rows: T[]): T[] =>
  filter === "transition" ? rows.filter((row) => isTransitional(row.status)) : rows;

/** The statuses the lower (ended) section lists for a filter. */
const endedSectionStatuses = (filter: ListFilter): SandboxStatus[] => (filter === "failed" ? ["failed"] : [...endedStatuses]);
const activeSectionStatuses: SandboxStatus[] = [...activeStatuses];

/** The keys the list page reads for a view; the server page fills the same keys. */
export function listPageKeys(state: ListPageState) {
  // Ended sandboxes have no time left: "Least time left" orders the active ones; ended stay newest first.
  const endedView = { status: endedSectionStatuses(state.filter), q: state.q, sort: "created" as ListSort };
  return {
    capacity: sandboxKeys.active(),
    active: sandboxKeys.list({ status: activeSectionStatuses, q: state.q, sort: state.sort, limit: maxListLimit }),
    ended: endedView,
    /** The first page of `ended`, which the server page reads. */
    endedFirstPage: sandboxKeys.list(endedView),
    endedCount: sandboxKeys.list({ status: endedSectionStatuses("ended"), q: state.q, limit: 1 }),
    failedCount: sandboxKeys.list({ status: ["failed"], q: state.q, limit: 1 }),
  };
}
