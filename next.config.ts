import { networkInterfaces } from "node:os";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants";
import { exitOnInvalidEnv } from "./lib/exit-on-invalid-env";
import { installRawRequestGuard } from "./lib/http/raw-request-guard";

/**
 * Host names a browser may open `next dev` at. It refuses its dev-reload socket to any other origin,
 * and a page that cannot reach it reloads forever and never hydrates. HOST is where `npm run local`
 * listens (local-stack/cli/listen-host.ts); listening on every interface, any of this machine's addresses.
 */
function devOrigins(host = process.env.HOST?.trim()): string[] {
  const names = new Set(["localhost", "127.0.0.1", "[::1]"]);
  const bracket = (address: string) => (address.includes(":") && !address.startsWith("[") ? `[${address}]` : address);
  if (host && ["0.0.0.0", "::", "[::]"].includes(host)) {
    for (const entries of Object.values(networkInterfaces())) for (const entry of entries ?? []) names.add(bracket(entry.address));
  } else if (host) {
    names.add(bracket(host));
  }
  return [...names];
}

export default function nextConfig(phase: string): NextConfig {
  // `next dev` / `next start` need every variable; `next build` none (they are read at run time).
  if (phase === PHASE_DEVELOPMENT_SERVER || phase === PHASE_PRODUCTION_SERVER) exitOnInvalidEnv();
  if (phase === PHASE_DEVELOPMENT_SERVER || phase === PHASE_PRODUCTION_SERVER) installRawRequestGuard();

  return {
    // The e2e stack runs its own `next dev` next to a developer's, each with its own build folder,
    // and its own tsconfig (Next adds that folder's types to the tsconfig it is given).
    distDir: process.env.NEXT_DIST_DIR || ".next",
    typescript: {
      tsconfigPath: process.env.NEXT_TSCONFIG_PATH || "tsconfig.json",
      // Set by the test builds only: the test command has type-checked everything before it builds.
      ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1",
    },
    allowedDevOrigins: devOrigins(),
    poweredByHeader: false,
    reactStrictMode: true,
    // "/api/sandbox/" is answered as "/api/sandbox", not redirected (an API client may not follow).
    skipTrailingSlashRedirect: true,
  };
}
