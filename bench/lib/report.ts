import type { Sizes } from "./context.ts";
import { meets, targets, type Target } from "./targets.ts";
import type { benchExec } from "../scenarios/exec.ts";
import type { benchRoutes } from "../scenarios/routes.ts";
import type { benchList } from "../scenarios/list.ts";
import type { benchRealtime } from "../scenarios/realtime.ts";
import type { benchBundles } from "../scenarios/bundle.ts";
import type { benchStartup } from "../scenarios/startup.ts";

export interface BackendResult {
  backend: "pglite" | "postgres";
  isolation: string;
  exec: Awaited<ReturnType<typeof benchExec>>;
  routes: Awaited<ReturnType<typeof benchRoutes>>;
  list: Awaited<ReturnType<typeof benchList>>;
  realtime: Awaited<ReturnType<typeof benchRealtime>>;
  /** Requests the local Supabase and orchestrator received during the exec and list phases, by path. */
  upstreamRequests: Record<string, Record<string, number>>;
}

export interface ReportInput {
  mode: string;
  sizes: Sizes;
  machine: Record<string, unknown>;
  takenAt: string;
  buildSeconds: number | null;
  backends: BackendResult[];
  bundles: Awaited<ReturnType<typeof benchBundles>>;
  startup: Awaited<ReturnType<typeof benchStartup>> | null;
}

export interface Row {
  figure: string;
  backend: string;
  p50: string;
  p95: string;
  target: string;
  verdict: string;
}

const notBuilt = "n/a (page not built)";

export function buildReport(input: ReportInput) {
  const rows: Row[] = [];
  const smokeFailures: string[] = [];
  const judge = (target: Target | null, value: number | null, backend: string, checkSmoke = true): string => {
    if (!target || value === null || Number.isNaN(value)) return "";
    if (checkSmoke && !meets(target, value, 5))
      smokeFailures.push(`${target.figure} (${backend}): ${value} ${target.unit}, target ${target.limit}`);
    return meets(target, value) ? "ok" : "MISSED";
  };
  const ms = (v: number) => `${v} ms`;
  const cpu = (v: number | null) => (v === null ? "n/a" : `${v} ms CPU`);
  for (const b of input.backends) {
    const name = b.backend;
    rows.push({ figure: "exec `true`: API", backend: name, p50: ms(b.exec.api.p50), p95: ms(b.exec.api.p95), target: "", verdict: "" });
    rows.push({
      figure: "exec `true`: orchestrator direct",
      backend: name,
      p50: ms(b.exec.direct.p50),
      p95: ms(b.exec.direct.p95),
      target: "",
      verdict: "",
    });
    rows.push({
      figure: "exec: added by the API",
      backend: name,
      p50: ms(b.exec.added.p50),
      p95: ms(b.exec.added.p95),
      target: "p50 ≤ 5 ms",
      verdict: judge(targets.execAddedP50, b.exec.added.p50, name),
    });
    rows.push({
      figure: "  row read (PostgREST, RLS) + exec, direct",
      backend: name,
      p50: ms(b.exec.direct_with_read.p50),
      p95: ms(b.exec.direct_with_read.p95),
      target: "",
      verdict: "",
    });
    rows.push({
      figure: "  API over read + exec",
      backend: name,
      p50: ms(b.exec.added_over_read.p50),
      p95: ms(b.exec.added_over_read.p95),
      target: "",
      verdict: "",
    });
    rows.push({
      figure: "  CPU of next start per API exec",
      backend: name,
      p50: cpu(b.exec.app_cpu_ms_per_call),
      p95: "",
      target: "",
      verdict: "",
    });
    for (const [route, label] of [
      ["get", "GET /api/sandbox/{id}"],
      ["stop", "PATCH stop"],
      ["delete", "DELETE"],
    ] as const) {
      const r = b.routes[route];
      rows.push({ figure: `${label}: API (n=${r.api.n})`, backend: name, p50: ms(r.api.p50), p95: ms(r.api.p95), target: "", verdict: "" });
      rows.push({ figure: `${label}: direct`, backend: name, p50: ms(r.direct.p50), p95: ms(r.direct.p95), target: "", verdict: "" });
      rows.push({ figure: `${label}: added`, backend: name, p50: ms(r.added.p50), p95: ms(r.added.p95), target: "", verdict: "" });
      if (route === "get")
        rows.push({
          figure: `  CPU of next start per GET`,
          backend: name,
          p50: cpu(b.routes.get.app_cpu_ms_per_call),
          p95: "",
          target: "",
          verdict: "",
        });
    }
    rows.push({
      figure: `GET /api/sandbox, ${b.list.rows} rows`,
      backend: name,
      p50: ms(b.list.api.p50),
      p95: ms(b.list.api.p95),
      target: "p95 ≤ 30 ms (Postgres)",
      // The target is for the system Postgres; PGlite's figure is reported beside it.
      verdict: name === "postgres" ? judge(targets.listP95, b.list.api.p95, name) : "",
    });
    rows.push({
      figure: "  same query direct (PostgREST)",
      backend: name,
      p50: ms(b.list.direct.p50),
      p95: ms(b.list.direct.p95),
      target: "",
      verdict: "",
    });
    const l = b.list.load;
    const errorsOk = l.errors === 0;
    if (l.errors > l.requests * 0.01) smokeFailures.push(`list under load (${name}): ${l.errors} errors of ${l.requests}`);
    rows.push({
      figure: `list, ${l.clients} clients ${l.seconds} s: ${l.rps} req/s, ${l.errors} errors`,
      backend: name,
      p50: ms(l.latency.p50),
      p95: ms(l.latency.p95),
      target: "≥ 500 req/s, 0 errors (Postgres)",
      verdict: name === "postgres" ? (judge(targets.listRps, l.rps, name) === "ok" && errorsOk ? "ok" : "MISSED") : "",
    });
    const d = b.list.direct_load;
    rows.push({
      figure: `  same load on PostgREST alone: ${d.rps} req/s, ${d.errors} errors`,
      backend: name,
      p50: ms(d.latency.p50),
      p95: ms(d.latency.p95),
      target: "",
      verdict: "",
    });
    rows.push({
      figure: `realtime UPDATE to callback (missed ${b.realtime.missed})`,
      backend: name,
      p50: ms(b.realtime.p50),
      p95: ms(b.realtime.p95),
      target: "p95 ≤ 50 ms",
      verdict: judge(targets.realtimeP95, b.realtime.p95, name),
    });
    if (b.realtime.missed > 0) smokeFailures.push(`realtime (${name}): ${b.realtime.missed} updates never reached the callback`);
  }
  rows.push({ figure: "realtime UPDATE to paint (Chromium)", backend: "", p50: notBuilt, p95: "", target: "p50 ≤ 100 ms", verdict: "" });
  rows.push({ figure: "server time of /dashboard/sandbox, 1,000 rows", backend: "", p50: notBuilt, p95: "", target: "", verdict: "" });

  const js = input.bundles;
  const kb = (v: number | null) => (v === null ? notBuilt : `${v} kB`);
  rows.push({
    figure: `first-load JS gzip: empty page (${js.empty.route}, floor)`,
    backend: "build",
    p50: kb(js.empty.gzip_kb),
    p95: "",
    target: "",
    verdict: "",
  });
  rows.push({
    figure: "first-load JS gzip: /dashboard",
    backend: "build",
    p50: kb(js.dashboard.gzip_kb),
    p95: "",
    target: "",
    verdict: "",
  });
  rows.push({
    figure: `first-load JS gzip: list ${js.list.route}${js.list.xterm === null ? "" : js.list.xterm ? " (HAS xterm)" : " (no xterm)"}`,
    backend: "build",
    p50: kb(js.list.gzip_kb),
    p95: "",
    target: "≤ 235 kB, no xterm",
    verdict: js.list.gzip_kb === null ? "" : judge(targets.listJs, js.list.gzip_kb, "build") === "ok" && !js.list.xterm ? "ok" : "MISSED",
  });
  if (js.list.xterm) smokeFailures.push("xterm is in the list page's first-load chunks");
  rows.push({
    figure: `first-load JS gzip: detail ${js.detail.route}`,
    backend: "build",
    p50: kb(js.detail.gzip_kb),
    p95: "",
    target: "≤ 330 kB",
    verdict: judge(targets.detailJs, js.detail.gzip_kb, "build"),
  });
  rows.push({
    figure: "terminal: `echo hello` Enter to paint / 1 MB rendered",
    backend: "",
    p50: notBuilt,
    p95: "",
    target: "≤ 50 ms over exec / ≤ 300 ms",
    verdict: "",
  });
  if (input.startup) {
    const s = input.startup;
    rows.push({
      figure: `fresh clone (${s.clone_s} s) + npm run local to /login`,
      backend: "pglite",
      p50: `${s.clone_plus_cold_s} s`,
      p95: "",
      target: "≤ 20 s",
      verdict: judge(targets.freshStart, s.clone_plus_cold_s, "startup"),
    });
    rows.push({
      figure: "warm restart of npm run local to /login",
      backend: "pglite",
      p50: `${s.warm_s} s`,
      p95: "",
      target: "",
      verdict: "",
    });
  } else {
    rows.push({ figure: "start-up", backend: "", p50: "not run", p95: "", target: "≤ 20 s", verdict: "" });
  }
  return { ...input, rows, smokeFailures };
}

export function printReport(report: ReturnType<typeof buildReport>): void {
  const header: Row = { figure: "figure", backend: "backend", p50: "p50 / value", p95: "p95", target: "target", verdict: "" };
  const all = [header, ...report.rows];
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row) => keys.map((k, i) => r[k].padEnd(widths[i]!)).join(" | ");
  const m = report.machine;
  console.log(
    `\nBench (${report.mode}) ${report.takenAt}: ${m.nproc} × ${m.cpu}, ${m.memory_gb} GB, Node ${m.node}, load ${JSON.stringify(m.loadavg)}`,
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const r of report.rows) console.log(line(r));
}
