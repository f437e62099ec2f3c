"use client";

import { useMemo } from "react";
import useSWR from "swr";
import useSWRInfinite, { unstable_serialize } from "swr/infinite";
import { useLiveStatus } from "@/components/sandbox/sandbox-live-provider";
import { listKey } from "@/lib/sandbox/list-keys";
import type { ListView, SandboxListPage } from "@/lib/sandbox/realtime/apply-sandbox-change";
import { isTransitional } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import type { SandboxApiError } from "@/lib/sandbox/api-client";
import { useSeedCache } from "./use-seed-cache";

export const pageSize = 50;

/**
 * How often to ask the API while realtime is not live: every 10 s, or every 2 s while a row is on
 * its way to another status. While live, realtime brings the changes and nothing is polled.
 */
export function usePollInterval(): (rows: SandboxInstance[]) => number {
  const { realtime } = useLiveStatus();
  return (rows) => (realtime === "live" ? 0 : rows.some((row) => isTransitional(row.status)) ? 2_000 : 10_000);
}

/** One list request (a single page): the active sandboxes, the failures. */
export function useSandboxList(key: string, fallbackData?: SandboxListPage) {
  const interval = usePollInterval();
  useSeedCache(key, fallbackData);
  return useSWR<SandboxListPage, SandboxApiError>(key, {
    fallbackData,
    refreshInterval: (data) => interval(data?.instances ?? []),
  });
}

/** A list in pages of 50 with "Load more". */
export function useSandboxPages(view: ListView, fallbackFirstPage?: SandboxListPage) {
  const interval = usePollInterval();
  const pageKey = (index: number, previous: SandboxListPage | null) =>
    previous && !previous.pagination.hasMore ? null : listKey({ ...view, limit: pageSize, offset: index * pageSize });
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
