import type { KnipConfig } from "knip";

/** Unused files, exports and dependencies (`npm run lint`). Each setting says why it is there. */
const config: KnipConfig = {
  entry: [
    // Next reads it; knip's Next plugin would run it, and it exits when the environment is not set.
    "next.config.ts",
    // Started as child processes by path (bench/run.ts, tests/load/run.ts; the orchestrator's tests).
    "bench/stack-server.ts",
    "local-stack/orchestrator/main.ts",
  ],
  next: { config: [] },
  // A type in an exported signature is part of that signature, even when no other file names it.
  ignoreExportsUsedInFile: { interface: true, type: true },
  // Found with require.resolve (local-stack/cli/gen-types.ts runs its type generator from its folder).
  ignoreDependencies: ["@supabase/postgres-meta"],
  // Programs of the machine, not of npm: bubblewrap jails local sandboxes; the file tests run coreutils.
  ignoreBinaries: ["bwrap", "truncate", "setpriv"],
};

export default config;
