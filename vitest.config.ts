import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests import server modules directly; outside React's server build this guard would throw.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    // Two files at a time in the node and dom projects (vitest's default is one on a 2-core machine):
    // most of their time is spent waiting on the servers and sandboxes they start. The api project
    // stays one file at a time (fileParallelism: false), after them.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/api/**", "tests/faults/**"],
          // Fails the run if a test left a process running (its teardown runs last: first project).
          globalSetup: ["tests/helpers/leftover-processes.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The real route handlers under `next dev`, against the local Supabase and orchestrator.
          name: "api",
          environment: "node",
          include: ["tests/api/**/*.test.ts"],
          globalSetup: ["tests/helpers/leftover-processes.ts", "tests/api/global-setup.ts"],
          // One app, one orchestrator: files take turns so limits and faults do not leak between them.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Stacks of their own whose parts are stopped and crashed (a private Postgres cluster):
          // `npm run test:faults`, a step of its own in CI, outside `npm test`.
          name: "faults",
          environment: "node",
          include: ["tests/faults/*.test.ts"],
          globalSetup: ["tests/helpers/leftover-processes.ts"],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          // The API stack's processes killed mid-request (the orchestrator's SIGKILL and restart):
          // on the api project's stack, outside `npm test` for its time.
          name: "faults-api",
          environment: "node",
          include: ["tests/faults/api/**/*.test.ts"],
          globalSetup: ["tests/helpers/leftover-processes.ts", "tests/api/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "dom",
          environment: "jsdom",
          include: ["tests/**/*.test.tsx"],
          setupFiles: ["tests/components/dom-setup.ts"],
          // vitest's 5 s default: a whole list page rendered through several realtime and API rounds
          // in jsdom takes about that on a loaded 2-core machine.
          testTimeout: 15_000,
        },
      },
    ],
  },
});
