"use client";

import { useMemo } from "react";
import { useSWRConfig } from "swr";

/**
 * Puts the server's data for `key` into SWR's cache when the cache has none. SWR only shows
 * `fallbackData` (or SWRConfig's `fallback`) and never caches it, so before the first client fetch
 * answered, an optimistic stop or delete (or a realtime event) found no rows under the key to change
 * and only asked the API again. Data already cached stays, as SWR would show it over the fallback.
 */
export function useSeedCache(key: string, data: unknown): void {
  const { cache } = useSWRConfig();
  // In render, before useSWR reads the key: a mutate (in an effect) would also make SWR drop the
  // answer of the fetch it starts on mount.
  useMemo(() => {
    const entry = cache.get(key);
    if (data !== undefined && entry?.data === undefined) cache.set(key, { ...entry, data });
  }, [cache, key, data]);
}
