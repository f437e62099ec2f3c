import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { repoRoot } from "../lib/processes.ts";

/** The routes whose first-load JavaScript is reported; `/_not-found` is an empty page of this app (the framework's floor). */
export const bundleRoutes = {
  empty: "/_not-found",
  dashboard: "/dashboard",
  list: "/dashboard/sandbox",
  detail: "/dashboard/sandbox/[id]",
} as const;

interface RouteStats {
  route: string;
  firstLoadChunkPaths: string[];
}

export interface RouteBundle {
  route: string;
  gzip_kb: number | null;
  raw_kb: number | null;
  chunks: number;
  /** Whether xterm.js is among the chunks; null when the page is not built. */
  xterm: boolean | null;
}

/** A string only xterm.js's bundle contains (its hidden input's class name). */
const xtermMarker = "xterm-helper-textarea";

/** First-load JS (gzip, bytes) per route, read from the production build's route bundle stats. */
export async function benchBundles(distDir: string) {
  const statsFile = path.join(repoRoot, distDir, "diagnostics", "route-bundle-stats.json");
  const stats = JSON.parse(await readFile(statsFile, "utf8")) as RouteStats[];
  const result = {} as Record<keyof typeof bundleRoutes, RouteBundle>;
  for (const [name, route] of Object.entries(bundleRoutes) as [keyof typeof bundleRoutes, string][]) {
    const entry = stats.find((s) => s.route === route);
    if (!entry) {
      result[name] = { route, gzip_kb: null, raw_kb: null, chunks: 0, xterm: null };
      continue;
    }
    let gzip = 0;
    let raw = 0;
    let xterm = false;
    for (const chunk of entry.firstLoadChunkPaths) {
      const bytes = await readFile(path.resolve(repoRoot, chunk));
      raw += bytes.length;
      gzip += gzipSync(bytes).length;
      if (bytes.includes(xtermMarker)) xterm = true;
    }
    result[name] = { route, gzip_kb: kb(gzip), raw_kb: kb(raw), chunks: entry.firstLoadChunkPaths.length, xterm };
  }
  return result;
}

const kb = (bytes: number) => Math.round((bytes / 1000) * 10) / 10;
