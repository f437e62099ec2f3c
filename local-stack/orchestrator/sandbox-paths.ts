import path from "node:path";

export const hotPath = "/home/agent";
export const coldPath = "/data/cold";
export const sandboxIdPattern = /^sbx-[0-9a-f]{12}$/;

/** Where one sandbox's files live on the host. */
export interface SandboxDirs {
  root: string;
  home: string;
  cold: string;
  tmp: string;
}

export function sandboxDirs(dataDir: string, sandboxId: string): SandboxDirs {
  const root = path.join(dataDir, sandboxId);
  return { root, home: path.join(root, "home"), cold: path.join(root, "cold"), tmp: path.join(root, "tmp") };
}

/** Pairs of (path the sandbox sees, host path) for translating paths when commands run unjailed. */
export function pathMappings(dirs: SandboxDirs): [string, string][] {
  return [
    [hotPath, dirs.home],
    [coldPath, dirs.cold],
    ["/tmp", dirs.tmp],
  ];
}

export function translatePath(p: string, mappings: [string, string][], direction: "toHost" | "toSandbox"): string {
  for (const [inside, host] of mappings) {
    const [from, to] = direction === "toHost" ? [inside, host] : [host, inside];
    if (p === from) return to;
    if (p.startsWith(from + "/")) return to + p.slice(from.length);
  }
  return p;
}
