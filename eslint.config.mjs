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
    // Components and hooks load zod with import() where they check input (lib/sandbox/schemas.ts).
    // The terminal is a chunk of its own, loaded after the page (components/terminal/terminal-panel-loader.tsx).
    files: ["components/**", "hooks/**"],
    ignores: ["components/terminal/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [lazySupabase, lazyZod] }] },
  },
  {
    // Tests read JSON answers whose shape is what they assert.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
]);
