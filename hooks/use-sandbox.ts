"use client";

import useSWR from "swr";
import { sandboxKeys } from "@/lib/sandbox/cache/sandbox-keys";
import type { SandboxApiError } from "@/lib/sandbox/api-client";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { usePollInterval } from "./use-sandboxes";
import { useSeedCache } from "./use-seed-cache";

/** One sandbox, kept current by realtime (or polling while it is not live). */
export function useSandbox(id: string, fallbackData?: SandboxInstance) {
  const interval = usePollInterval();
  useSeedCache(sandboxKeys.detail(id), fallbackData);
  return useSWR<SandboxInstance, SandboxApiError>(sandboxKeys.detail(id), {
    fallbackData,
    refreshInterval: (data) => interval(data ? [data] : []),
    // A deleted sandbox answers 404: say so once instead of retrying.
    shouldRetryOnError: (error: SandboxApiError) => error.status !== 404,
  });
}
