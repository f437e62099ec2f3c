import { unstable_serialize } from "swr";
import { unstable_serialize as serializeInfinite } from "swr/infinite";
import { listPageSize, maxListLimit, type listSorts } from "../request-limits";
import { activeStatuses, type SandboxStatus } from "../status";
import type { SandboxListPage } from "../types";

/** Which rows a list shows and in what order. */
export interface ListView {
  status: SandboxStatus[];
  q: string;
  sort: (typeof listSorts)[number];
}

/** One list request: a view and a window of it. */
export interface ListQuery extends ListView {
  limit: number;
  offset: number;
}

export type SandboxListKey = readonly ["sandboxes", "list", ListQuery];
export type SandboxDetailKey = readonly ["sandboxes", "detail", string];
/** A list loaded in pages (useSWRInfinite): its cache entry holds an array of pages. Never handed to SWR itself. */
export type SandboxPagesKey = readonly ["sandboxes", "pages", ListView];
export type SandboxKey = SandboxListKey | SandboxDetailKey | SandboxPagesKey;

// SWR's cache is keyed by the serialized key; the cache scan (realtime, stop, delete, create) reads
// back the structured key it came from here instead of parsing SWR's string.
const known = new Map<string, SandboxKey>();
function remember<K extends SandboxKey>(cacheKey: string, key: K): K {
  if (!known.has(cacheKey)) known.set(cacheKey, key);
  return key;
}

function list(query: Partial<ListQuery> = {}): SandboxListKey {
  const key = [
    "sandboxes",
    "list",
    {
      status: query.status ?? [],
      q: query.q ?? "",
      sort: query.sort ?? "created",
      limit: query.limit ?? listPageSize,
      offset: query.offset ?? 0,
    },
  ] as const;
  return remember(unstable_serialize(key), key);
}

/**
 * Every SWR key of sandbox data is built here (Supabase Studio's `data/<domain>/keys.ts` pattern):
 * a tuple of the resource and its parameters, which SWR's fetcher receives as it is.
 */
export const sandboxKeys = {
  list,
  detail: (id: string): SandboxDetailKey => {
    const key = ["sandboxes", "detail", id] as const;
    return remember(unstable_serialize(key), key);
  },
  /** useSWRInfinite's key function for a view, in pages of `listPageSize`. */
  pages(view: ListView) {
    const pageKey = (index: number, previous: SandboxListPage | null) =>
      previous && !previous.pagination.hasMore ? null : list({ ...view, limit: listPageSize, offset: index * listPageSize });
    remember(serializeInfinite(pageKey), ["sandboxes", "pages", view] as const);
    return pageKey;
  },
  /** Every active sandbox of the user (at most the active limit plus a few shutting down): the widget and the capacity meter. */
  active: () => list({ status: [...activeStatuses], limit: maxListLimit }),
  /** Failures the widget counts (the newest 100). */
  failed: () => list({ status: ["failed"], limit: maxListLimit }),
  /** What the Processes tab polls, each with its own fetcher; never read back by the cache scan. */
  processes: (id: string) => ["sandboxes", "processes", id] as const,
  usage: (id: string) => ["sandboxes", "usage", id] as const,
  /** A folder of a sandbox in the Files view (null: home), with its own fetcher. */
  files: (id: string, path: string | null) => ["sandboxes", "files", id, path] as const,
};

/** The key a cache entry was stored under (a key of `cache.keys()`), or undefined when it is not sandbox data. */
export const readCacheKey = (cacheKey: string): SandboxKey | undefined => known.get(cacheKey);
