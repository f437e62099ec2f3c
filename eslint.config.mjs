import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/supabase/client", "**/lib/supabase/client"],
              message: "Use loadBrowserClient() from lib/supabase/load-browser-client.ts: supabase-js stays out of the first load.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers whose shape is what they assert.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
]);
