import type { SandboxInstance, SandboxListPage } from "../types";
import type { ListView, SandboxKey } from "./sandbox-keys";

/** A change to one row, from realtime or from this page's own requests. */
export type SandboxChange = { type: "upsert"; row: SandboxInstance } | { type: "delete"; id: string };

const time = (value: string | null) => (value === null ? Number.NaN : Date.parse(value));

/** True when `incoming` is older than `cached`: a late event that must not undo a newer state. */
export function isStale(incoming: SandboxInstance, cached: SandboxInstance): boolean {
  const a = time(incoming.updated_at);
  const b = time(cached.updated_at);
  return Number.isFinite(a) && Number.isFinite(b) && a < b;
}

/** The API's order: created newest first, or expires soonest first with no expiry last; then id. */
export function compareRows(sort: ListView["sort"]) {
  return (a: SandboxInstance, b: SandboxInstance): number => {
    if (sort === "expires") {
      const ea = time(a.expires_at);
      const eb = time(b.expires_at);
      if (Number.isFinite(ea) !== Number.isFinite(eb)) return Number.isFinite(ea) ? -1 : 1;
      if (Number.isFinite(ea) && ea !== eb) return ea - eb;
    }
    const ca = time(a.created_at);
    const cb = time(b.created_at);
    if (ca !== cb) return cb - ca;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

const matchesStatus = (view: ListView, row: SandboxInstance) => view.status.length === 0 || view.status.includes(row.status);

export interface Applied<T> {
  data: T;
  /** The change could not be applied with certainty (a search the client cannot evaluate): ask the API. */
  revalidate: boolean;
}

/**
 * Applies a change to the loaded pages of one list (a plain list key is one page). Rows keep the
 * API's order; the pages keep their sizes, the last one taking what is added or removed.
 */
function applyToPages(pages: SandboxListPage[], view: ListView, change: SandboxChange): Applied<SandboxListPage[]> {
  if (pages.length === 0) return { data: pages, revalidate: false };
  const rows = pages.flatMap((page) => page.instances);
  const id = change.type === "upsert" ? change.row.id : change.id;
  const index = rows.findIndex((row) => row.id === id);
  let next: SandboxInstance[] = rows;
  let delta = 0;

  if (change.type === "delete") {
    // A delete carries only the id: a row not loaded may still be one this list counts (the chips'
    // count lists load one row of their total), so a list with more than it holds asks again.
    if (index === -1) return { data: pages, revalidate: pages[pages.length - 1]!.pagination.hasMore };
    next = rows.filter((_, i) => i !== index);
    delta = -1;
  } else if (index !== -1) {
    if (isStale(change.row, rows[index]!)) return { data: pages, revalidate: false };
    next = matchesStatus(view, change.row) ? rows.map((row, i) => (i === index ? change.row : row)) : rows.filter((_, i) => i !== index);
    if (!matchesStatus(view, change.row)) delta = -1;
  } else {
    if (!matchesStatus(view, change.row)) return { data: pages, revalidate: false };
    // A search may match on a project's name, which a row does not carry.
    if (view.q) return { data: pages, revalidate: true };
    const last = pages[pages.length - 1]!;
    const sorted = [...rows, change.row].sort(compareRows(view.sort));
    // Past the last loaded row of a list with more to load: it belongs to a page not loaded yet.
    const beyondLoaded = last.pagination.hasMore && sorted[sorted.length - 1]!.id === change.row.id;
    delta = 1;
    if (!beyondLoaded) next = sorted;
  }

  next = [...next].sort(compareRows(view.sort));
  const total = Math.max(0, pages[0]!.pagination.total + delta);
  let start = 0;
  const data = pages.map((page, i) => {
    const size = i === pages.length - 1 ? next.length - start : page.instances.length;
    const instances = next.slice(start, start + size);
    start += size;
    const offset = page.pagination.offset;
    return { instances, pagination: { ...page.pagination, total, hasMore: offset + instances.length < total } };
  });
  return { data, revalidate: false };
}

/** Applies a change to a cached detail (`/api/sandbox/<id>`). A delete asks the API, which answers not found. */
function applyToDetail(cached: SandboxInstance | undefined, id: string, change: SandboxChange): Applied<SandboxInstance | undefined> {
  if (change.type === "delete") return { data: cached, revalidate: change.id === id };
  if (change.row.id !== id) return { data: cached, revalidate: false };
  if (cached && isStale(change.row, cached)) return { data: cached, revalidate: false };
  return { data: change.row, revalidate: false };
}

/**
 * Applies a change to one cache entry by its key: a list (one page, or useSWRInfinite's pages) or a detail.
 */
export function applySandboxChange(key: SandboxKey, cached: unknown, change: SandboxChange): Applied<unknown> {
  if (key[1] === "detail") return applyToDetail(cached as SandboxInstance | undefined, key[2], change);
  // Not loaded yet (its first fetch may be under way and read the row before this change): the
  // change has nothing to land on, so ask again; SWR drops the older request's answer.
  if (cached === undefined || cached === null) return { data: cached, revalidate: true };
  if (key[1] === "pages") return applyToPages(cached as SandboxListPage[], key[2], change);
  const { data, revalidate } = applyToPages([cached as SandboxListPage], key[2], change);
  return { data: data[0]!, revalidate };
}
