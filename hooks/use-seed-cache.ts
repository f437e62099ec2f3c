"use client";

import { useLayoutEffect } from "react";
import { unstable_serialize, useSWRConfig, type Key } from "swr";

/**
 * Puts the server's data for `key` into SWR's cache once it is on the screen, where the cache has
 * none. SWR only shows `fallbackData` (or SWRConfig's `fallback`) and never caches it, so before the
 * first client fetch answered, an optimistic stop or delete (or a realtime event) found no rows under
 * the key to change and only asked the API again.
 */
export function useSeedCache(key: Key, data: unknown): void {
  const { cache } = useSWRConfig();
  const cacheKey = unstable_serialize(key);
  // After the commit, not in render: hydration must read what the server rendered, and a seeded key
  // can change meanwhile (realtime revalidates every cached key). Not a mutate: SWR would drop the
  // answer of the fetch it starts on mount. Nothing to notify: the screen already shows this data.
  useLayoutEffect(() => {
    const entry = cache.get(cacheKey);
    if (data !== undefined && entry?.data === undefined) cache.set(cacheKey, { ...entry, data });
  }, [cache, cacheKey, data]);
}
