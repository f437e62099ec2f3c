import type { Cache, ScopedMutator } from "swr";
import { applySandboxChange, type SandboxChange } from "./apply-sandbox-change";
import { readCacheKey } from "./sandbox-keys";

/** Applies a change to every sandbox entry in SWR's cache, asking the API again where it cannot be sure. */
export function writeChangeToCache(cache: Cache, mutate: ScopedMutator, change: SandboxChange): void {
  for (const cacheKey of cache.keys()) {
    const key = readCacheKey(cacheKey);
    if (!key) continue;
    const cached = cache.get(cacheKey)?.data;
    const applied = applySandboxChange(key, cached, change);
    if (applied.data !== cached) void mutate(cacheKey, applied.data, { revalidate: false });
    if (applied.revalidate) void mutate(cacheKey);
  }
}

/**
 * Undoes an optimistic change the API refused: the row as it was goes back (a newer event that came
 * meanwhile still wins), then the API is asked for the truth.
 */
export function restoreRow(cache: Cache, mutate: ScopedMutator, change: SandboxChange): void {
  writeChangeToCache(cache, mutate, change);
  revalidateSandboxCaches(cache, mutate);
}

/** Refetches every sandbox list and detail from the API (realtime has no replay: after a gap, ask). */
export function revalidateSandboxCaches(cache: Cache, mutate: ScopedMutator): void {
  for (const cacheKey of cache.keys()) {
    if (readCacheKey(cacheKey)) void mutate(cacheKey);
  }
}
