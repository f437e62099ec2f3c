import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../local-stack/paths.ts";

/**
 * The one production build every test stack starts with `next start` (the API suites, the browser
 * suites, the build checks): made once for the sources as they are, then reused by every stack and
 * every later run until a source changes. One build fits every stack because the app reads all its
 * settings, public ones included, when it runs.
 */
const appBuildDir = ".next/app-build";

/** Written beside the build (never inside it, where the secrets scan reads). */
const recordFile = path.join(repoRoot, ".next/app-build.json");
const lockDir = path.join(repoRoot, ".next/app-build.lock");

/** What decides the build's output: the product's sources, its configuration, its dependencies and this recipe. */
const inputs = [
  "app",
  "components",
  "hooks",
  "lib",
  "types",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "tests/tsconfig.next.json",
  "package-lock.json",
  // How it is built: a change here builds again.
  "tests/helpers/app-build.ts",
];

export interface AppBuild {
  distDir: string;
  /** Secrets that were in the build's environment, so a scan can prove none was written into it. */
  buildSecrets: { orchestratorApiKey: string; secretKey: string };
  /** Public settings that were in the build's environment: none may be written into it either. */
  buildPublic: { supabaseUrl: string; publishableKey: string };
}

/** The build for the sources as they are now, made first if there is none (one builder at a time). */
export async function ensureAppBuild(): Promise<AppBuild> {
  const stamp = sourceStamp();
  const current = builtFor(stamp);
  if (current) return current;
  const release = await lock();
  try {
    // Another run may have built it while this one waited for the lock.
    const again = builtFor(stamp);
    if (again) return again;
    rmSync(recordFile, { force: true });
    const build: AppBuild = {
      distDir: appBuildDir,
      buildSecrets: { orchestratorApiKey: `orch-key-${randomUUID()}`, secretKey: `sb_secret_${randomUUID().replaceAll("-", "")}` },
      buildPublic: {
        supabaseUrl: `http://build-${randomUUID()}.invalid`,
        publishableKey: `sb_publishable_${randomUUID().replaceAll("-", "")}`,
      },
    };
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    const started = Date.now();
    await promisify(execFile)(process.execPath, [nextBin, "build"], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NEXT_DIST_DIR: appBuildDir,
        NEXT_TSCONFIG_PATH: "tests/tsconfig.next.json",
        NEXT_TELEMETRY_DISABLED: "1",
        // The test command type-checks everything (tsc --noEmit) before any build.
        NEXT_SKIP_TYPECHECK: "1",
        // Values the build must never write anywhere (tests/build/next-build.test.ts looks).
        MATRX_ORCHESTRATOR_API_KEY: build.buildSecrets.orchestratorApiKey,
        SUPABASE_SECRET_KEY: build.buildSecrets.secretKey,
        // A stack starting this build gives its own: these would reach it only if the build kept them.
        NEXT_PUBLIC_SUPABASE_URL: build.buildPublic.supabaseUrl,
        NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: build.buildPublic.publishableKey,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    writeFileSync(recordFile, JSON.stringify({ stamp, build }));
    console.log(`[app-build] next build into ${appBuildDir} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return build;
  } finally {
    release();
  }
}

/** The recorded build, if it was made for these sources and is still there. */
function builtFor(stamp: string): AppBuild | null {
  let record: { stamp: string; build: AppBuild };
  try {
    record = JSON.parse(readFileSync(recordFile, "utf8")) as { stamp: string; build: AppBuild };
  } catch {
    return null;
  }
  return record.stamp === stamp && existsSync(path.join(repoRoot, appBuildDir, "BUILD_ID")) ? record.build : null;
}

function sourceStamp(): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const full = path.join(repoRoot, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) visit(path.join(relative, name));
      return;
    }
    hash.update(`${relative}\0`).update(readFileSync(full)).update("\0");
  };
  for (const input of inputs) visit(input);
  return hash.digest("hex");
}

/** A directory as the lock (mkdir is atomic); one left by a builder that died is taken over. */
async function lock(): Promise<() => void> {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (!holderAlive()) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Waited 15 minutes for the app build held by ${lockDir}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function holderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lockDir, "pid"), "utf8"));
  } catch {
    // Just made, its pid not written yet: alive. A lock with no pid for a minute is stale.
    try {
      return Date.now() - statSync(lockDir).mtimeMs < 60_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
