"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import { toast } from "sonner";
import { SandboxApiError } from "@/lib/sandbox/api-client";
import { restoreRow, writeChangeToCache } from "@/lib/sandbox/cache/write-change-to-cache";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";
import type { SandboxInstance } from "@/lib/sandbox/types";

const messageOf = (error: unknown) => (error instanceof SandboxApiError ? error.message : "Something went wrong. Try again.");

/**
 * Stop and delete with optimistic updates: the row shows shutting down (or is gone) at once and is
 * put back, with an error that stays until dismissed, if the API refuses. `pending` holds the ids
 * with a request in flight, so a second click cannot send it twice.
 */
export function useSandboxActions() {
  const { cache, mutate } = useSWRConfig();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());

  const inFlight = useRef(new Set<string>());
  // The API client checks ids with the request schemas, loaded apart from the page: fetch them now,
  // so that a stop or delete is sent at the click, not after a download the user may leave before.
  useEffect(() => {
    void import("@/lib/sandbox/schemas");
  }, []);

  const track = useCallback(async <T>(id: string, work: () => Promise<T>): Promise<T | undefined> => {
    if (inFlight.current.has(id)) return undefined;
    inFlight.current.add(id);
    setPending(new Set(inFlight.current));
    try {
      return await work();
    } finally {
      inFlight.current.delete(id);
      setPending(new Set(inFlight.current));
    }
  }, []);

  const stop = useCallback(
    (row: SandboxInstance) =>
      track(row.id, async () => {
        writeChangeToCache(cache, mutate, { type: "upsert", row: { ...row, status: "shutting_down" } });
        try {
          const stopped = await sandboxApi.stop(row.id);
          writeChangeToCache(cache, mutate, { type: "upsert", row: stopped });
          toast.success(`Stopped ${row.sandbox_id}`);
          return stopped;
        } catch (error) {
          restoreRow(cache, mutate, { type: "upsert", row });
          toast.error(`Could not stop ${row.sandbox_id}: ${messageOf(error)}`, { duration: Infinity, closeButton: true });
          return undefined;
        }
      }),
    [cache, mutate, track],
  );

  const remove = useCallback(
    (row: SandboxInstance) =>
      track(row.id, async () => {
        writeChangeToCache(cache, mutate, { type: "delete", id: row.id });
        try {
          await sandboxApi.remove(row.id);
          // Again now that it is gone: lists that count it without holding it (the chips' counts)
          // ask the API, which before the delete still had it.
          writeChangeToCache(cache, mutate, { type: "delete", id: row.id });
          toast.success(`Deleted ${row.sandbox_id}`);
          return true;
        } catch (error) {
          restoreRow(cache, mutate, { type: "upsert", row });
          toast.error(`Could not delete ${row.sandbox_id}: ${messageOf(error)}`, { duration: Infinity, closeButton: true });
          return false;
        }
      }),
    [cache, mutate, track],
  );

  return { stop, remove, pending };
}
