"use client";

import { useMemo } from "react";
import useSWR from "swr";
import useSWRInfinite, { unstable_serialize } from "swr/infinite";
import { useLiveStatus } from "./use-sandbox-live";
import { sandboxKeys, type ListView, type SandboxListKey } from "@/lib/sandbox/cache/sandbox-keys";
import { isTransitional } from "@/lib/sandbox/status";
import type { SandboxInstance, SandboxListPage } from "@/lib/sandbox/types";
import type { SandboxApiError } from "@/lib/sandbox/api-client";
import { useSeedCache } from "./use-seed-cache";

/**
 * How often to ask the API while realtime is not live: every 10 s, or every 2 s while a row is on
 * its way to another status. While live, realtime brings the changes and nothing is polled.
 */
export function usePollInterval(): (rows: SandboxInstance[]) => number {
  const { realtime } = useLiveStatus();
  return (rows) => (realtime === "live" ? 0 : rows.some((row) => isTransitional(row.status)) ? 2_000 : 10_000);
}

/** One list request (a single page): the active sandboxes, the failures. */
export function useSandboxList(key: SandboxListKey, fallbackData?: SandboxListPage) {
  const interval = usePollInterval();
  useSeedCache(key, fallbackData);
  return useSWR<SandboxListPage, SandboxApiError>(key, {
    fallbackData,
    refreshInterval: (data) => interval(data?.instances ?? []),
  });
}

/** A list in pages of `listPageSize` with "Load more". */
export function useSandboxPages(view: ListView, fallbackFirstPage?: SandboxListPage) {
  const interval = usePollInterval();
  const pageKey = sandboxKeys.pages(view);
  const fallbackData = useMemo(() => (fallbackFirstPage ? [fallbackFirstPage] : undefined), [fallbackFirstPage]);
  useSeedCache(unstable_serialize(pageKey), fallbackData);
  const swr = useSWRInfinite<SandboxListPage, SandboxApiError>(pageKey, {
    fallbackData,
    refreshInterval: (pages?: SandboxListPage[]) => interval(pages?.flatMap((page) => page.instances) ?? []),
    revalidateFirstPage: true,
  });
  const pages = swr.data ?? [];
  return {
    ...swr,
    rows: pages.flatMap((page) => page.instances),
    total: pages[0]?.pagination.total ?? 0,
    hasMore: pages[pages.length - 1]?.pagination.hasMore ?? false,
    loadMore: () => swr.setSize(swr.size + 1),
  };
}
