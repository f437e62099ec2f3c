import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A pids and memory cgroup per sandbox, below the orchestrator's own cgroups (so what the sandboxes
 * use still counts where the orchestrator's use counts). Only when the orchestrator runs as root
 * and both controllers can be written: cgroup v1 (`/sys/fs/cgroup/pids`, `/sys/fs/cgroup/memory`)
 * or v2 (`/sys/fs/cgroup` with both controllers available).
 */
export interface SandboxCgroups {
  version: 1 | 2;
  /** Where one sandbox's commands go (one directory per controller), created with its limits. */
  dirsFor(sandboxId: string, limits: { processes: number; memoryBytes: number }): string[];
  /** Removes the cgroups of sandboxes with nothing left running, and this instance's parent. */
  removeAll(): void;
}

const root = "/sys/fs/cgroup";

function ownPath(controller: string): string | null {
  for (const line of readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
    const [, controllers, where] = line.split(":");
    if (controllers === undefined || where === undefined) continue;
    if (controller === "" ? controllers === "" : controllers.split(",").includes(controller)) return where;
  }
  return null;
}

const writable = (file: string) => {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

function removeTree(dir: string) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeTree(path.join(dir, entry.name));
  }
  try {
    rmdirSync(dir);
  } catch {
    // Something still runs in it; the kernel keeps it until then.
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Parents left by orchestrators that ended without removing them (named `<pid>-<random>`). */
function removeStale(top: string) {
  if (!existsSync(top)) return;
  for (const name of readdirSync(top)) {
    const pid = Number(name.split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) removeTree(path.join(top, name));
  }
}

/** Makes a throwaway sandbox cgroup and moves a shell into it, as the launch wrapper will. */
function works(cgroups: SandboxCgroups): boolean {
  const dirs = cgroups.dirsFor("probe", { processes: 16, memoryBytes: 64 * 1024 * 1024 });
  const joined = spawnSync("/bin/sh", ["-c", `for d in "$@"; do echo $$ > "$d/cgroup.procs" || exit 1; done`, "probe", ...dirs], {
    timeout: 5000,
  });
  for (const dir of dirs) removeTree(dir);
  return joined.status === 0;
}

export function detectCgroups(instance: string): SandboxCgroups | null {
  const cgroups = findCgroups(instance);
  if (!cgroups) return null;
  try {
    if (works(cgroups)) return cgroups;
  } catch {
    // Fall through.
  }
  cgroups.removeAll();
  return null;
}

function findCgroups(instance: string): SandboxCgroups | null {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return null;
  try {
    const v1 = ["pids", "memory"].map((c) => ({ controller: c, base: path.join(root, c, ownPath(c) ?? "/") }));
    if (v1.every(({ base }) => writable(path.join(base, "cgroup.procs")))) {
      v1.forEach(({ base }) => removeStale(path.join(base, "matrx-local-orchestrator")));
      const parents = v1.map(({ base }) => path.join(base, "matrx-local-orchestrator", instance));
      return {
        version: 1,
        dirsFor(sandboxId, limits) {
          const [pids, memory] = parents.map((p) => path.join(p, sandboxId));
          mkdirSync(pids!, { recursive: true });
          mkdirSync(memory!, { recursive: true });
          writeFileSync(path.join(pids!, "pids.max"), String(limits.processes));
          writeFileSync(path.join(memory!, "memory.limit_in_bytes"), String(limits.memoryBytes));
          // Swap too, where the kernel accounts it.
          const memsw = path.join(memory!, "memory.memsw.limit_in_bytes");
          if (existsSync(memsw)) writeFileSync(memsw, String(limits.memoryBytes));
          return [pids!, memory!];
        },
        removeAll: () => parents.forEach(removeTree),
      };
    }
    const controllers = path.join(root, "cgroup.controllers");
    if (existsSync(controllers) && ["pids", "memory"].every((c) => readFileSync(controllers, "utf8").split(/\s+/).includes(c))) {
      const base = path.join(root, ownPath("") ?? "/");
      const top = path.join(base, "matrx-local-orchestrator");
      const parent = path.join(top, instance);
      if (!writable(path.join(base, "cgroup.subtree_control"))) return null;
      removeStale(top);
      // v2 lets processes sit only in leaves: the two levels created here hold none.
      for (const dir of [top, parent]) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(path.dirname(dir), "cgroup.subtree_control"), "+pids +memory");
      }
      writeFileSync(path.join(parent, "cgroup.subtree_control"), "+pids +memory");
      return {
        version: 2,
        dirsFor(sandboxId, limits) {
          const dir = path.join(parent, sandboxId);
          mkdirSync(dir, { recursive: true });
          writeFileSync(path.join(dir, "pids.max"), String(limits.processes));
          writeFileSync(path.join(dir, "memory.max"), String(limits.memoryBytes));
          if (existsSync(path.join(dir, "memory.swap.max"))) writeFileSync(path.join(dir, "memory.swap.max"), "0");
          return [dir];
        },
        removeAll: () => removeTree(parent),
      };
    }
  } catch {
    // Not ours to use (read-only mount, no delegation): rlimits alone then.
  }
  return null;
}
