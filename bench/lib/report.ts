import type { Sizes } from "./context.ts";
import { meets, targets, type Target } from "./targets.ts";
import type { benchExec } from "../scenarios/exec.ts";
import type { benchRoutes } from "../scenarios/routes.ts";
import type { benchList } from "../scenarios/list.ts";
import type { benchRealtime } from "../scenarios/realtime.ts";
import type { benchBundles, RouteBundle } from "../scenarios/bundle.ts";
import type { benchStartup } from "../scenarios/startup.ts";
import type { benchPages } from "../scenarios/pages.ts";
import type { benchRealtimePaint } from "../scenarios/realtime-paint.ts";
import type { benchTerminal } from "../scenarios/terminal.ts";
import type { benchFiles } from "../scenarios/files.ts";
import type { benchFilePreviewPaint } from "../scenarios/file-preview-paint.ts";

export interface BackendResult {
  backend: "pglite" | "postgres";
  isolation: string;
  exec: Awaited<ReturnType<typeof benchExec>>;
  routes: Awaited<ReturnType<typeof benchRoutes>>;
  list: Awaited<ReturnType<typeof benchList>>;
  realtime: Awaited<ReturnType<typeof benchRealtime>>;
  pages: Awaited<ReturnType<typeof benchPages>>;
  paint: Awaited<ReturnType<typeof benchRealtimePaint>>;
  terminal: Awaited<ReturnType<typeof benchTerminal>>;
  files: Awaited<ReturnType<typeof benchFiles>>;
  filePreview: Awaited<ReturnType<typeof benchFilePreviewPaint>>;
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
    if (checkSmoke && !target.notInSmoke && !meets(target, value, 5))
      smokeFailures.push(`${target.figure} (${backend}): ${value} ${target.unit}, target ${target.limit}`);
    return meets(target, value) ? "ok" : "MISSED";
  };
  const ms = (v: number) => `${v} ms`;
  const cpu = (v: number | null) => (v === null ? "n/a" : `${v} ms CPU`);
  for (const b of input.backends) {
    const name = b.backend;
    rows.push({ figure: "exec `true`: API", backend: name, p50: ms(b.exec.api.p50), p95: ms(b.exec.api.p95), target: "", verdict: "" });
    rows.push({
      figure: "exec `true`: orchestrator direct (the route's script)",
      backend: name,
      p50: ms(b.exec.direct.p50),
      p95: ms(b.exec.direct.p95),
      target: "",
      verdict: "",
    });
    rows.push({
      figure: "  bare `true` direct / script added in the sandbox",
      backend: name,
      p50: `${ms(b.exec.bare.p50)} / ${ms(b.exec.script_added.p50)}`,
      p95: `${ms(b.exec.bare.p95)} / ${ms(b.exec.script_added.p95)}`,
      target: "",
      verdict: "",
    });
    rows.push({
      figure: "exec: added by the API",
      backend: name,
      p50: ms(b.exec.added.p50),
      p95: ms(b.exec.added.p95),
      target: "",
      verdict: "",
    });
    rows.push({
      figure: "  rate limit (Postgres) + exec, direct / API over them",
      backend: name,
      p50: `${ms(b.exec.direct_with_limit.p50)} / ${ms(b.exec.added_over_upstream.p50)}`,
      p95: `${ms(b.exec.direct_with_limit.p95)} / ${ms(b.exec.added_over_upstream.p95)}`,
      target: "p50 ≤ 5 ms (over them)",
      verdict: judge(targets.execAddedP50, b.exec.added_over_upstream.p50, name),
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
      verdict: name === "postgres" ? (judge(targets.listRps, l.rps, name, false) === "ok" && errorsOk ? "ok" : "MISSED") : "",
    });
    const d = b.list.direct_load;
    // Throughput is judged against PostgREST alone, measured the same minute: 5× the target (100 req/s)
    // is within 1.5× of what two shared cores give (see README), so only a route at a fifth of its ceiling fails.
    if (name === "postgres" && l.rps < d.rps / 5)
      smokeFailures.push(`list under load (${name}): ${l.rps} req/s, under a fifth of PostgREST alone (${d.rps} req/s)`);
    rows.push({
      figure: `  same load on PostgREST alone: ${d.rps} req/s, ${d.errors} errors`,
      backend: name,
      p50: ms(d.latency.p50),
      p95: ms(d.latency.p95),
      target: "",
      verdict: "",
    });
    const f = b.list.floor_load;
    rows.push({
      figure: `  same load on a route doing nothing (Next alone): ${f.rps} req/s, ${f.errors} errors`,
      backend: name,
      p50: ms(f.latency.p50),
      p95: ms(f.latency.p95),
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
    rows.push(...browserRows(b, judge));
    if (b.paint.missed > 0) smokeFailures.push(`realtime to paint (${name}): ${b.paint.missed} updates never painted`);
    if (b.paint.loaded.withXterm.length > 0) smokeFailures.push(`the list page loaded xterm in Chromium (${name})`);
  }

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
  const lazy = (r: RouteBundle) =>
    r.lazy && r.lazy.chunks > 0 ? `; lazy: ${r.lazy.gzip_kb} kB${r.lazy.xterm ? " with xterm" : ""}` : "; nothing lazy";
  rows.push({
    figure: `first-load JS gzip: list ${js.list.route} (${js.list.xterm === null ? "?" : js.list.xterm ? "HAS xterm" : "no xterm"}${lazy(js.list)})`,
    backend: "build",
    p50: kb(js.list.gzip_kb),
    p95: "",
    target: "≤ 235 kB, no xterm",
    verdict: js.list.gzip_kb === null ? "" : judge(targets.listJs, js.list.gzip_kb, "build") === "ok" && !js.list.xterm ? "ok" : "MISSED",
  });
  if (js.list.xterm || js.list.lazy?.xterm) smokeFailures.push("xterm is in the list page's chunks");
  rows.push({
    figure: `first-load JS gzip: detail ${js.detail.route} (${js.detail.xterm ? "HAS xterm" : "no xterm"}${lazy(js.detail)})`,
    backend: "build",
    p50: kb(js.detail.gzip_kb),
    p95: "",
    target: "≤ 330 kB",
    verdict: judge(targets.detailJs, js.detail.gzip_kb, "build"),
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

type Judge = (target: Target | null, value: number | null, backend: string, checkSmoke?: boolean) => string;

/** Rows of the figures measured against the pages: server time, realtime to paint, the terminal. */
function browserRows(b: BackendResult, judge: Judge): Row[] {
  const name = b.backend;
  const ms = (v: number) => `${v} ms`;
  const rows: Row[] = [];
  for (const page of [b.pages.list, b.pages.detail, b.pages.dashboard]) {
    const what = page === b.pages.list ? `${page.path}, ${b.pages.rows} rows` : page.path.replace(/[0-9a-f-]{36}$/, "{id}");
    rows.push({
      figure: `page ${what}: whole HTML (first byte p50 ${page.first_byte.p50} ms)`,
      backend: name,
      p50: ms(page.full_html.p50),
      p95: ms(page.full_html.p95),
      target: "",
      verdict: "",
    });
  }
  const p = b.paint;
  rows.push({
    figure: `realtime UPDATE to paint, list in Chromium (n=${p.n}, missed ${p.missed})`,
    backend: name,
    p50: ms(p.p50),
    p95: ms(p.p95),
    target: "p50 ≤ 100 ms",
    verdict: judge(targets.realtimePaintP50, p.p50, name),
  });
  rows.push({
    figure: `  scripts the list page loaded in Chromium: ${p.loaded.scripts}, with xterm: ${p.loaded.withXterm.join(", ") || "none"}`,
    backend: name,
    p50: "",
    p95: "",
    target: "no xterm",
    verdict: p.loaded.withXterm.length === 0 ? "ok" : "MISSED",
  });
  const d = p.breakdown_p50;
  rows.push({
    figure: "  p50s: to the frame in the page + to the DOM + to paint",
    backend: name,
    p50: `${d.update_to_frame_in_page} + ${d.frame_to_dom} + ${d.dom_to_painted} ms`,
    p95: "",
    target: "",
    verdict: "",
  });
  const t = b.terminal;
  rows.push({
    figure: `terminal (${t.renderer}): echo hello, Enter to paint (n=${t.echo.enter_to_paint.n})`,
    backend: name,
    p50: ms(t.echo.enter_to_paint.p50),
    p95: ms(t.echo.enter_to_paint.p95),
    target: "",
    verdict: "",
  });
  rows.push({
    figure: `  scripts the detail page loaded: ${t.loaded.scripts}, xterm in: ${t.loaded.withXterm.join(", ") || "none"}`,
    backend: name,
    p50: "",
    p95: "",
    target: "",
    verdict: "",
  });
  rows.push({
    figure: "  the exec request in it (Resource Timing)",
    backend: name,
    p50: ms(t.echo.exec_request.p50),
    p95: ms(t.echo.exec_request.p95),
    target: "",
    verdict: "",
  });
  rows.push({
    figure: `  over the exec (p50 ${t.echo.before_exec_p50} ms before it, ${t.echo.after_exec_p50} ms after)`,
    backend: name,
    p50: ms(t.echo.over_exec.p50),
    p95: ms(t.echo.over_exec.p95),
    target: "p50 ≤ 50 ms",
    verdict: judge(targets.echoOverExecP50, t.echo.over_exec.p50, name),
  });
  rows.push({
    figure: `terminal: 1 MB, Enter until rendered (n=${t.megabyte.enter_to_paint.n}; exec ${t.megabyte.exec_request.p50} ms)`,
    backend: name,
    p50: ms(t.megabyte.enter_to_paint.p50),
    p95: ms(t.megabyte.enter_to_paint.p95),
    target: "p50 ≤ 300 ms",
    verdict: judge(targets.megabyteP50, t.megabyte.enter_to_paint.p50, name),
  });
  const f = b.files;
  rows.push({
    figure: `files: list 1,000 entries (n=${f.list.n}; plain exec p50 ${f.exec.p50} ms)`,
    backend: name,
    p50: ms(f.list.p50),
    p95: ms(f.list.p95),
    target: "≤ 2× exec",
    verdict: judge(targets.filesListOverExec, f.list_over_exec_p50, name),
  });
  rows.push({
    figure: `files: preview of a 1 MiB text file, read route (n=${f.preview.n})`,
    backend: name,
    p50: ms(f.preview.p50),
    p95: ms(f.preview.p95),
    target: "",
    verdict: "",
  });
  const shown = b.filePreview;
  rows.push({
    figure: `files: preview of a 1 MiB text file, click until shown in Chromium (n=${shown.click_to_paint.n}; first open ${shown.first_open_ms} ms)`,
    backend: name,
    p50: ms(shown.click_to_paint.p50),
    p95: ms(shown.click_to_paint.p95),
    target: "p50 ≤ 500 ms",
    verdict: judge(targets.filesPreviewShownP50, shown.click_to_paint.p50, name),
  });
  rows.push({
    figure: "  of which the page's work, from the read's response to the paint",
    backend: name,
    p50: ms(shown.after_response.p50),
    p95: ms(shown.after_response.p95),
    target: "",
    verdict: "",
  });
  rows.push({
    figure: "files: download 10 MiB (median of 3)",
    backend: name,
    p50: `${f.download_mb_per_s} MB/s`,
    p95: "",
    target: "≥ 2 MB/s",
    verdict: judge(targets.filesDownload, f.download_mb_per_s, name),
  });
  return rows;
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
