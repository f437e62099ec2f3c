import type { Cache, ScopedMutator } from "swr";
import { applySandboxChange, type SandboxChange } from "./apply-sandbox-change";

/** Applies a change to every sandbox entry in SWR's cache, asking the API again where it cannot be sure. */
export function writeChangeToCache(cache: Cache, mutate: ScopedMutator, change: SandboxChange): void {
  for (const key of cache.keys()) {
    const cached = cache.get(key)?.data;
    const applied = applySandboxChange(key, cached, change);
    if (!applied) continue;
    if (applied.data !== cached) void mutate(key, applied.data, { revalidate: false });
    if (applied.revalidate) void mutate(key);
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
  for (const key of cache.keys()) {
    if (applySandboxChange(key, undefined, { type: "delete", id: "" }) !== null) void mutate(key);
  }
}
