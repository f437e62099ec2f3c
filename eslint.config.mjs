import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const lazySupabase = {
  group: ["@/lib/supabase/client", "**/lib/supabase/client"],
  message: "Use loadBrowserClient() from lib/supabase/load-browser-client.ts: supabase-js stays out of the first load.",
};
const lazyZod = {
  group: [
    "zod",
    "zod/*",
    "@/lib/sandbox/schemas",
    "**/lib/sandbox/schemas",
    "@/lib/sandbox/to-sandbox-instance",
    "**/lib/sandbox/to-sandbox-instance",
  ],
  allowTypeImports: true,
  message:
    "zod stays out of a page's first load: import() the schemas where input is checked; constants are in lib/sandbox/request-limits.ts.",
};

// The layering (docs/conventions.md): app → components, hooks → lib; never back up.
const layer = (folder, why) => ({ group: [`@/${folder}/*`, `**/${folder}/*`], message: why });
const notApp = layer("app", "Only app/ imports from app/: move what is shared into lib/ or components/.");
const notComponents = layer("components", "hooks/ and lib/ never import components/: move the shared part into hooks/ or lib/.");
const notHooks = layer("hooks", "lib/ never imports hooks/: lib/ is plain code, usable on the server.");
const notServerApi = {
  group: ["@/lib/api/*", "**/lib/api/*"],
  allowTypeImports: true,
  message: "lib/api/ is the server's HTTP layer: browser code uses lib/sandbox/api-client.ts and lib/http/field-problems.ts.",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next*/**", ".local-stack/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "types/supabase.ts"]),
  {
    rules: {
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // supabase-js is loaded on first use in the browser (lib/supabase/load-browser-client.ts), never in a page's first load.
    ignores: ["lib/supabase/load-browser-client.ts", "tests/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [lazySupabase] }] },
  },
  {
    files: ["lib/**"],
    ignores: ["lib/supabase/load-browser-client.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [lazySupabase, notApp, notComponents, notHooks] }] },
  },
  {
    // Components and hooks load zod with import() where they check input (lib/sandbox/schemas.ts).
    files: ["components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [lazySupabase, lazyZod, notApp, notServerApi] }],
    },
  },
  {
    // The terminal is a chunk of its own, loaded after the page (components/terminal/terminal-panel-loader.tsx).
    files: ["components/terminal/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [lazySupabase, notApp, notServerApi] }] },
  },
  {
    files: ["hooks/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [lazySupabase, lazyZod, notApp, notComponents, notServerApi] }],
    },
  },
  {
    // Server code logs through lib/log.ts: one JSON line per event.
    files: ["lib/**", "app/api/**", "app/auth/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["lib/log.ts"],
    rules: { "no-console": "error" },
  },
  {
    // Tests read JSON answers whose shape is what they assert.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
]);
