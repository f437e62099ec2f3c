/**
 * Second guard for the environment: `next.config.ts` stops `next dev` and `next start`,
 * but a standalone build (`node server.js`) never loads that file. This runs in every server.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnInvalidEnv } = await import("./lib/exit-on-invalid-env");
    exitOnInvalidEnv();
    // next.config.ts installs it for `next dev` and `next start`; a standalone server needs it here.
    const { installRawRequestGuard } = await import("./lib/http/raw-request-guard");
    installRawRequestGuard();
  }
}
