/** The targets for this machine; `higherIsBetter` marks throughput. */
export interface Target {
  figure: string;
  limit: number;
  unit: string;
  higherIsBetter?: boolean;
  /** Why --smoke does not judge it: its usual value is too close to 5× the target for a noisy machine. */
  notInSmoke?: string;
}

export const targets = {
  execAddedP50: { figure: "exec added over its upstream calls (rate limit, exec), p50", limit: 5, unit: "ms" },
  listP95: { figure: "list 1,000 rows, p95", limit: 30, unit: "ms" },
  listRps: {
    figure: "list, 50 clients",
    limit: 500,
    unit: "req/s",
    higherIsBetter: true,
    notInSmoke: "judged against PostgREST alone, measured beside it: 5× the target is within 1.5× of what two cores give",
  },
  realtimeP95: { figure: "realtime to callback, p95", limit: 50, unit: "ms" },
  realtimePaintP50: { figure: "realtime UPDATE to paint, p50", limit: 100, unit: "ms" },
  listJs: { figure: "first-load JS gzip, list", limit: 235, unit: "kB" },
  detailJs: { figure: "first-load JS gzip, detail", limit: 330, unit: "kB" },
  echoOverExecP50: { figure: "terminal echo hello, Enter to paint over the exec, p50", limit: 50, unit: "ms" },
  megabyteP50: { figure: "terminal 1 MB, Enter until fully rendered, p50", limit: 300, unit: "ms" },
  filesListOverExec: { figure: "files: list 1,000 entries over a plain exec, p50", limit: 2, unit: "×" },
  filesPreviewShownP50: { figure: "files: preview of 1 MiB, click until shown in Chromium, p50", limit: 500, unit: "ms" },
  filesDownload: { figure: "files: download", limit: 2, unit: "MB/s", higherIsBetter: true },
  freshStart: { figure: "fresh clone to dashboard answering", limit: 20, unit: "s" },
} satisfies Record<string, Target>;

export function meets(target: Target, value: number, factor = 1): boolean {
  return target.higherIsBetter ? value >= target.limit / factor : value <= target.limit * factor;
}
