import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/**
 * The Fetch standard's "bad ports": undici's fetch refuses them (`TypeError: fetch failed`, cause
 * "bad port"), so a server a test reaches with fetch must not listen on one. An ephemeral port
 * is one only where the machine's ephemeral range reaches down to them.
 * https://fetch.spec.whatwg.org/#port-blocking
 */
const fetchBadPorts = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117,
  119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
  989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** A port nothing listens on right now, on loopback, that fetch accepts. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await tryListen(0);
    if (port !== null && !fetchBadPorts.has(port)) return port;
  }
  throw new Error("no free port outside the Fetch standard's bad ports in 20 attempts");
}

/** Listens on `port` of loopback (0: one the system picks) and closes again: the port, or null if taken. */
function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A port for a server a sandbox starts itself (`python3 -m http.server <port>`): free on loopback
 * now, and below the range `listen(0)` hands out, so no server a parallel test starts meanwhile
 * can be given it (a random port in that range once met another test's orchestrator).
 */
export async function portForSandboxServer(): Promise<number> {
  const lowestEphemeral = Number(/^(\d+)/.exec(readProcFile("/proc/sys/net/ipv4/ip_local_port_range"))?.[1] ?? 32_768);
  const from = 20_000;
  const to = Math.min(lowestEphemeral, 32_768) - 1;
  if (to - from < 1_000) return freePort();
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = from + randomInt(to - from + 1);
    if (!fetchBadPorts.has(port) && (await tryListen(port)) !== null) return port;
  }
  return freePort();
}

function readProcFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
