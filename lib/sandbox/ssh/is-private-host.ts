import { isIP } from "node:net";

/**
 * Whether an SSH host is reachable only from the orchestrator's own machine or a private network:
 * localhost names, loopback, private (RFC 1918, unique-local), link-local and unspecified addresses.
 * Production answers `localhost` unless its host is configured.
 */
export function isPrivateHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost") || name.endsWith(".local") || name.endsWith(".internal")) return true;
  const version = isIP(name);
  if (version === 4) {
    const [a, b] = name.split(".").map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (version === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
    if (mapped) return isPrivateHost(mapped[1]!);
    return name === "::" || name === "::1" || /^f[cd][0-9a-f]{0,2}:/.test(name) || /^fe[89ab][0-9a-f]?:/.test(name);
  }
  return false;
}
