import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureAppBuild, type AppBuild } from "../helpers/app-build.ts";

let build: AppBuild;
/** Every file the build wrote, and its text: a secret is read at run time and must be baked in nowhere. */
let files: string[];
let contents: string[];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const dashboardPages = ["/dashboard", "/dashboard/sandbox", "/dashboard/sandbox/[id]"];
/** Strings only these libraries' bundles hold: realtime-js's join event, zod's base type, xterm.js's hidden input. */
const lateLibraries = { "supabase-js": "phx_join", zod: "$ZodType", "xterm.js": "xterm-helper-textarea" };

// The test stacks' shared build, made with secrets in its environment (made now if the sources changed).
beforeAll(async () => {
  build = await ensureAppBuild();
  files = await filesUnder(build.distDir);
  contents = await Promise.all(files.map((file) => readFile(file, "latin1")));
}, 600_000);

describe("next build", () => {
  it("puts neither the orchestrator key nor the service-role key in any file it writes, browser bundles included", () => {
    // Everything the build wrote, not only static/.
    expect(files.some((file) => file.includes(`${path.sep}static${path.sep}`) && file.endsWith(".js"))).toBe(true);
    // The app's own words (the sign-in page's): proof that the scan reads what the build made.
    expect(contents.some((text) => text.includes("Matrx Sandboxes"))).toBe(true);
    for (const [i, text] of contents.entries()) {
      expect(text.includes(build.buildSecrets.orchestratorApiKey), files[i]).toBe(false);
      expect(text.includes(build.buildSecrets.secretKey), files[i]).toBe(false);
    }
  });

  it("keeps no public setting either: one build runs against whichever Supabase project it is started with", () => {
    for (const [i, text] of contents.entries()) {
      expect(text.includes(build.buildPublic.supabaseUrl), files[i]).toBe(false);
      expect(text.includes(build.buildPublic.publishableKey), files[i]).toBe(false);
    }
  });

  it("loads supabase-js, zod and xterm.js after a dashboard page is shown, never in its first-load JavaScript", async () => {
    const stats = JSON.parse(await readFile(path.join(build.distDir, "diagnostics", "route-bundle-stats.json"), "utf8")) as {
      route: string;
      firstLoadChunkPaths: string[];
    }[];
    const chunks = await filesUnder(path.join(build.distDir, "static", "chunks"));
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
