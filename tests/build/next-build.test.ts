import { execFile } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const distDir = ".next/secrets-check";
const orchestratorKey = `orch-key-${crypto.randomUUID()}`;
const serviceKey = `sb_secret_${crypto.randomUUID().replaceAll("-", "")}`;
const publishableKey = `sb_publishable_${crypto.randomUUID().replaceAll("-", "")}`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

afterAll(async () => {
  await rm(distDir, { recursive: true, force: true });
});

const dashboardPages = ["/dashboard", "/dashboard/sandbox", "/dashboard/sandbox/[id]"];
/** Strings only these libraries' bundles hold: realtime-js's join event, zod's base type, xterm.js's hidden input. */
const lateLibraries = { "supabase-js": "phx_join", zod: "$ZodType", "xterm.js": "xterm-helper-textarea" };

beforeAll(async () => {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  await promisify(execFile)(process.execPath, [nextBin, "build"], {
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:54321",
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: publishableKey,
      SUPABASE_SECRET_KEY: serviceKey,
      MATRX_ORCHESTRATOR_URL: "http://127.0.0.1:8700",
      MATRX_ORCHESTRATOR_API_KEY: orchestratorKey,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
}, 300_000);

describe("next build", () => {
  it("puts neither the orchestrator key nor the service-role key in any file it writes, browser bundles included", async () => {
    // Everything the build wrote, not only static/: a secret is read from the
    // environment at run time and must not be baked in anywhere.
    const files = await filesUnder(distDir);
    expect(files.some((file) => file.includes(`${path.sep}static${path.sep}`) && file.endsWith(".js"))).toBe(true);
    const contents = await Promise.all(files.map((file) => readFile(file, "latin1")));
    // The public key is inlined, as it should be: proof that the scan reads what the build made.
    expect(contents.some((text) => text.includes(publishableKey))).toBe(true);
    for (const [i, text] of contents.entries()) {
      expect(text.includes(orchestratorKey), files[i]).toBe(false);
      expect(text.includes(serviceKey), files[i]).toBe(false);
    }
  });

  it("loads supabase-js, zod and xterm.js after a dashboard page is shown, never in its first-load JavaScript", async () => {
    const stats = JSON.parse(await readFile(path.join(distDir, "diagnostics", "route-bundle-stats.json"), "utf8")) as {
      route: string;
      firstLoadChunkPaths: string[];
    }[];
    const chunks = await filesUnder(path.join(distDir, "static", "chunks"));
    const built = (await Promise.all(chunks.map((file) => readFile(file, "latin1")))).join("\n");
    for (const [library, marker] of Object.entries(lateLibraries)) expect(built.includes(marker), `${library} is built`).toBe(true);
    for (const route of dashboardPages) {
      const entry = stats.find((s) => s.route === route);
      expect(entry, route).toBeDefined();
      const firstLoad = (await Promise.all(entry!.firstLoadChunkPaths.map((file) => readFile(file, "latin1")))).join("\n");
      expect(firstLoad.length, route).toBeGreaterThan(0);
      for (const [library, marker] of Object.entries(lateLibraries))
        expect(firstLoad.includes(marker), `${library} in ${route}`).toBe(false);
    }
  });
});
