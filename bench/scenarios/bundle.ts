import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { repoRoot } from "../lib/processes.ts";

/** The routes whose first-load JavaScript is reported; `/_not-found` is an empty page of this app (the framework's floor). */
const bundleRoutes = {
  empty: "/_not-found",
  dashboard: "/dashboard",
  list: "/dashboard/sandbox",
  detail: "/dashboard/sandbox/[id]",
} as const;

interface RouteStats {
  route: string;
  firstLoadChunkPaths: string[];
}

interface ChunkSum {
  gzip_kb: number;
  raw_kb: number;
  chunks: number;
  /** Whether xterm.js is among the chunks. */
  xterm: boolean;
}

export interface RouteBundle {
  route: string;
  gzip_kb: number | null;
  raw_kb: number | null;
  chunks: number;
  /** Whether xterm.js is among the first-load chunks; null when the page is not built. */
  xterm: boolean | null;
  /** The JavaScript the page loads later, through `next/dynamic` (react-loadable-manifest.json). */
  lazy: ChunkSum | null;
}

/** A string only xterm.js's bundle contains (its hidden input's class name). */
export const xtermMarker = "xterm-helper-textarea";

/** First-load JS (gzip) per route, from the production build's route bundle stats, and what each loads lazily. */
export async function benchBundles(distDir: string) {
  const dist = path.join(repoRoot, distDir);
  const stats = JSON.parse(await readFile(path.join(dist, "diagnostics", "route-bundle-stats.json"), "utf8")) as RouteStats[];
  // "/dashboard/sandbox/(list)/page" → "/dashboard/sandbox": route groups are in the folder, not the route.
  const appPaths = JSON.parse(await readFile(path.join(dist, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const result = {} as Record<keyof typeof bundleRoutes, RouteBundle>;
  for (const [name, route] of Object.entries(bundleRoutes) as [keyof typeof bundleRoutes, string][]) {
    const entry = stats.find((s) => s.route === route);
    if (!entry) {
      result[name] = { route, gzip_kb: null, raw_kb: null, chunks: 0, xterm: null, lazy: null };
      continue;
    }
    const first = await sumChunks(entry.firstLoadChunkPaths.map((chunk) => path.resolve(repoRoot, chunk)));
    const appPath = Object.keys(appPaths).find((key) => appPaths[key] === route && key.endsWith("/page"));
    const lazy = appPath ? await sumChunks(await lazyChunks(dist, appPath)) : null;
    result[name] = { route, ...first, lazy };
  }
  return result;
}

/** The JS files of a page's dynamic imports. */
async function lazyChunks(dist: string, appPath: string): Promise<string[]> {
  let manifest: Record<string, { files: string[] }>;
  try {
    manifest = JSON.parse(await readFile(path.join(dist, "server", "app", appPath, "react-loadable-manifest.json"), "utf8"));
  } catch {
    return [];
  }
  const files = new Set(Object.values(manifest).flatMap((entry) => entry.files.filter((file) => file.endsWith(".js"))));
  return [...files].map((file) => path.join(dist, file));
}

async function sumChunks(files: string[]): Promise<ChunkSum> {
  let gzip = 0;
  let raw = 0;
  let xterm = false;
  for (const file of files) {
    const bytes = await readFile(file);
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
    if (bytes.includes(xtermMarker)) xterm = true;
  }
  return { gzip_kb: kb(gzip), raw_kb: kb(raw), chunks: files.length, xterm };
}

const kb = (bytes: number) => Math.round((bytes / 1000) * 10) / 10;
