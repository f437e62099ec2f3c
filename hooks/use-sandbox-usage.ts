"use client";

import { useState } from "react";
import useSWR from "swr";
import type { SandboxApiError } from "@/lib/sandbox/api-client";
import { sandboxKeys } from "@/lib/sandbox/cache/sandbox-keys";
import { cpuShare } from "@/lib/sandbox/processes/parse-usage";
import type { SandboxUsage } from "@/lib/sandbox/processes/types";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";
import { toolPollOptions } from "./use-sandbox-processes";

/** Shares (0..1) of the sandbox's limits, one per sample; CPU is null for the first (it needs two). */
export interface UsagePoint {
  cpu: number | null;
  memory: number | null;
  disk: number | null;
}

/** Samples kept for the charts: two and a half minutes at one per 5 s. */
const usageHistoryLength = 30;

const share = (part: { usedBytes: number; limitBytes: number } | null) =>
  part && part.limitBytes > 0 ? part.usedBytes / part.limitBytes : null;

/** What the sandbox uses, sampled while the tab is open and the page visible, with the samples seen so far. */
export function useSandboxUsage(id: string, enabled: boolean) {
  const swr = useSWR<SandboxUsage, SandboxApiError>(enabled ? sandboxKeys.usage(id) : null, () => sandboxApi.usage(id), toolPollOptions);
  const [seen, setSeen] = useState<{ last: SandboxUsage | null; history: UsagePoint[] }>({ last: null, history: [] });
  const sample = swr.data;
  if (sample && sample !== seen.last && sample.sampledAt !== seen.last?.sampledAt) {
    const point = { cpu: seen.last ? cpuShare(seen.last, sample) : null, memory: share(sample.memory), disk: share(sample.disk) };
    setSeen({ last: sample, history: [...seen.history, point].slice(-usageHistoryLength) });
  }
  return { ...swr, history: seen.history };
}
