/** Where the local stack's app and Supabase listen: 127.0.0.1 unless HOST says otherwise. */
export function listenHost(env: Record<string, string | undefined> = process.env): string {
  return env.HOST?.trim() || "127.0.0.1";
}

const bare = (host: string) => host.toLowerCase().replace(/^\[(.*)\]$/, "$1");

export function isLoopbackHost(host: string): boolean {
  const name = bare(host);
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name) || /^::ffff:127(\.\d{1,3}){3}$/.test(name);
}

const isWildcardHost = (host: string) => ["0.0.0.0", "::", "::0"].includes(bare(host));

/** The app's address to print: localhost on this machine, else the address HOST names. */
export function browserUrl(host: string, port: number): string {
  if (isLoopbackHost(host) || isWildcardHost(host)) return `http://localhost:${port}`;
  return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}

/** Printed at start-up when HOST takes the stack off loopback. */
export function exposureWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  const where = isWildcardHost(host) ? "every network interface" : host;
  return (
    `WARNING: HOST=${host}: the app and local Supabase listen on ${where}, not only on this machine's loopback. ` +
    "Anyone who can reach it can open the app and sign in with the demo users' published passwords. Unset HOST to keep them on 127.0.0.1."
  );
}
