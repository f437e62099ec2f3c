"use client";

import useSWR from "swr";
import type { SandboxApiError } from "@/lib/sandbox/api-client";
import { sandboxKeys } from "@/lib/sandbox/cache/sandbox-keys";
import type { ProcessListResponse } from "@/lib/sandbox/processes/types";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";

/** How often the Processes tab asks again while it is open and the page visible. */
const processPollMs = 5_000;

/**
 * Options of the Processes tab's polls. SWR skips a refresh while the page is hidden, and starts the
 * next interval only when the last answer is in: under production's one exec at a time, the tab
 * never queues a second command of its own behind the terminal's.
 */
export const toolPollOptions = {
  refreshInterval: processPollMs,
  refreshWhenHidden: false,
  refreshWhenOffline: false,
  keepPreviousData: true,
  // A 409 (stopped) or 404 will not change by asking again.
  shouldRetryOnError: (error: SandboxApiError) => error.status !== 404 && error.status !== 409,
} as const;

/** The sandbox's processes, while `enabled` (the sandbox can run commands). */
export function useSandboxProcesses(id: string, enabled: boolean) {
  return useSWR<ProcessListResponse, SandboxApiError>(
    enabled ? sandboxKeys.processes(id) : null,
    () => sandboxApi.processes(id),
    toolPollOptions,
  );
}
