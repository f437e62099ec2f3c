import path from "node:path";

export const hotPath = "/home/agent";
export const coldPath = "/data/cold";
export const sandboxIdPattern = /^sbx-[0-9a-f]{12}$/;
/** Where the exec FIFOs are, as jailed commands see them: a read-only bind of the control dir. */
export const jailFifoDir = "/run/matrx-exec";

/** Where one sandbox's files live on the host. */
export interface SandboxDirs {
  root: string;
  home: string;
  cold: string;
  tmp: string;
  /** The orchestrator's FIFOs for exec output; the sandbox may open them, never change the folder. */
  control: string;
}

export function sandboxDirs(dataDir: string, sandboxId: string): SandboxDirs {
  const root = path.join(dataDir, sandboxId);
  return {
    root,
    home: path.join(root, "home"),
    cold: path.join(root, "cold"),
    tmp: path.join(root, "tmp"),
    control: path.join(root, "control"),
  };
}

/** The sandbox's home and cold folder, as its commands see them (`pwd`, `cd`, `$HOME`). */
export interface SandboxPaths {
  hot: string;
  cold: string;
}

/**
 * Jailed, the contract's /home/agent and /data/cold. Unjailed, nothing can make the host folders look
 * like those paths to `pwd`, so the orchestrator reports the host folders instead: what it reports
 * (hot_path, cwd) is then what commands see, and a reported path works with `cd`.
 */
export function sandboxPaths(mode: "bwrap" | "none", dirs: SandboxDirs): SandboxPaths {
  return mode === "bwrap" ? { hot: hotPath, cold: coldPath } : { hot: dirs.home, cold: dirs.cold };
}

/**
 * Pairs of (contract path, host path), to accept the contract's paths in requests when commands run
 * unjailed. Unjailed commands see the host's own /tmp, so /tmp is not among them.
 */
export function pathMappings(dirs: SandboxDirs): [string, string][] {
  return [
    [hotPath, dirs.home],
    [coldPath, dirs.cold],
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
