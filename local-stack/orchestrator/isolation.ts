import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync, chmodSync, chownSync } from "node:fs";
import path from "node:path";
import type { IsolationMode, IsolationSetting } from "./options.ts";
import { coldPath, hotPath, jailFifoDir, pathMappings, translatePath, type SandboxDirs } from "./sandbox-paths.ts";
import { sandboxTagVariable } from "./sandbox-processes.ts";

export type SandboxUser = "agent" | "root";

/** How to start one command for one sandbox. */
export interface Launch {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  uid?: number;
  gid?: number;
}

export interface Isolation {
  mode: IsolationMode;
  /** Why this mode was chosen, for the start-up log. */
  reason: string;
  /** Set when bubblewrap runs as host root because the sandbox uid cannot reach the data dir. */
  warning?: string;
  /** Host uid/gid that owns sandbox files and runs commands; undefined keeps the orchestrator's own. */
  hostUser?: { uid: number; gid: number };
  supportsUser(user: string): user is SandboxUser;
  /** `bash -c script arg0 ...args`, started in `startDir` as the sandbox sees it. */
  launch(dirs: SandboxDirs, sandboxId: string, user: SandboxUser, script: string, args: string[]): Launch;
  /** A path as the sandbox sees it, from what the command reported. */
  toSandboxPath(dirs: SandboxDirs, reported: string): string;
  toCommandPath(dirs: SandboxDirs, sandboxPath: string): string;
  /** The sandbox's cgroups (one per controller), where it has any. */
  cgroupDirsFor?(sandboxId: string): string[];
}

const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const agentUid = 1000;

function commandEnv(home: string, user: SandboxUser): Record<string, string> {
  return { PATH: defaultPath, HOME: user === "root" ? "/root" : home, LANG: "C.UTF-8", TERM: "xterm-256color", USER: user };
}

// Only what programs need to run; no secrets (shadow, ssh keys) and nothing host-specific.
const sharedEtc = [
  "alternatives",
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "localtime",
  "ssl",
  "ca-certificates",
  "nsswitch.conf",
  "bash.bashrc",
  "profile",
  "profile.d",
  "inputrc",
  "mime.types",
  "os-release",
  "debian_version",
  "terminfo",
  "magic",
  "magic.mime",
  "protocols",
  "services",
  "timezone",
  "issue",
];
const topLevelSystemDirs = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

function systemMountArgs(): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const name of topLevelSystemDirs) {
    const p = `/${name}`;
    if (!existsSync(p)) continue;
    if (lstatSync(p).isSymbolicLink()) args.push("--symlink", readlinkSync(p), p);
    else args.push("--ro-bind", p, p);
  }
  for (const name of sharedEtc) {
    const p = `/etc/${name}`;
    if (existsSync(p)) args.push("--ro-bind", p, p);
  }
  return args;
}

/** passwd, group and hosts for the jail, written once into the orchestrator's data dir. */
function writeJailEtc(dataDir: string, hostUser?: { uid: number; gid: number }): string {
  const etc = path.join(dataDir, ".jail-etc");
  mkdirSync(etc, { recursive: true, mode: 0o711 });
  chmodSync(etc, 0o711);
  const files: Record<string, string> = {
    passwd: `root:x:0:0:root:/root:/bin/bash\nagent:x:${agentUid}:${agentUid}:agent:${hotPath}:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    group: `root:x:0:\nagent:x:${agentUid}:\nnogroup:x:65534:\n`,
    hosts: "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(etc, name), content, { mode: 0o644 });
    chmodSync(path.join(etc, name), 0o644);
  }
  if (hostUser) chownSync(etc, 0, 0);
  return etc;
}

function bwrapArgs(jailEtc: string, dirs: SandboxDirs, sandboxId: string, user: SandboxUser): string[] {
  const uid = user === "root" ? 0 : agentUid;
  const env = commandEnv(hotPath, user);
  return [
    "--unshare-all",
    "--unshare-user",
    "--die-with-parent",
    // The supervisor is the jail's init, as a container's entrypoint is: signals sent from inside
    // (`kill -9 -1`, `pkill bash`) do not reach it, and it reaps what commands leave behind.
    "--as-pid-1",
    "--new-session",
    "--cap-drop",
    "ALL",
    "--hostname",
    sandboxId,
    ...systemMountArgs(),
    "--ro-bind",
    path.join(jailEtc, "passwd"),
    "/etc/passwd",
    "--ro-bind",
    path.join(jailEtc, "group"),
    "/etc/group",
    "--ro-bind",
    path.join(jailEtc, "hosts"),
    "/etc/hosts",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--tmpfs",
    "/run",
    "--dir",
    "/root",
    "--bind",
    dirs.home,
    hotPath,
    "--bind",
    dirs.cold,
    coldPath,
    "--bind",
    dirs.tmp,
    "/tmp",
    // Read-only: the jail can write to the FIFOs in it, never put a symlink there.
    "--ro-bind",
    dirs.control,
    jailFifoDir,
    // The jail's own root (where /etc, /root and the mount points live) becomes read-only.
    "--remount-ro",
    "/",
    "--uid",
    String(uid),
    "--gid",
    String(uid),
    "--chdir",
    hotPath,
    "--clearenv",
    ...Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v]),
    "--",
  ];
}

function bwrapIsolation(dataDir: string, hostUser: { uid: number; gid: number } | undefined, reason: string): Isolation {
  const jailEtc = writeJailEtc(dataDir, hostUser);
  return {
    mode: "bwrap",
    reason,
    hostUser,
    // One long-lived jail maps one uid (agent): root would need a second jail, with its own /proc and processes.
    supportsUser: (user): user is SandboxUser => user === "agent",
    launch: (dirs, sandboxId, user, script, args) => ({
      file: "bwrap",
      args: [...bwrapArgs(jailEtc, dirs, sandboxId, user), "/bin/bash", "-c", script, ...args],
      cwd: "/",
      env: { PATH: defaultPath },
      ...hostUser,
    }),
    toSandboxPath: (_dirs, reported) => reported,
    toCommandPath: (_dirs, p) => p,
  };
}

function plainIsolation(hostUser: { uid: number; gid: number } | undefined, reason: string): Isolation {
  return {
    mode: "none",
    reason,
    hostUser,
    supportsUser: (user): user is SandboxUser => user === "agent",
    launch: (dirs, sandboxId, user, script, args) => ({
      file: "/bin/bash",
      args: ["-c", script, ...args],
      cwd: dirs.home,
      // Inherited by every process the sandbox starts, so that stop finds those that left its session.
      env: { ...commandEnv(dirs.home, user), [sandboxTagVariable]: sandboxId },
      ...hostUser,
    }),
    // Commands see host paths, and the orchestrator reports them as they are (see sandboxPaths).
    toSandboxPath: (_dirs, reported) => reported,
    // A client may still send the contract's /home/agent paths; a host path of the sandbox stays as it is.
    toCommandPath: (dirs, p) => (p === dirs.root || p.startsWith(dirs.root + "/") ? p : translatePath(p, pathMappings(dirs), "toHost")),
  };
}

/**
 * `bwrap --version`, tried again when the spawn itself fails for a reason other than a missing
 * binary: on a loaded machine (CI, with fork-loop and memory tests beside it) a spawn can fail with
 * EAGAIN or ENOMEM, and reading that as "not installed" left a whole orchestrator unjailed.
 */
function bwrapVersion(): { ok: boolean; installed: boolean; why: string } {
  let why = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200 * attempt);
    const run = spawnSync("bwrap", ["--version"], { encoding: "utf8" });
    const code = (run.error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT") return { ok: false, installed: false, why: "bwrap is not installed" };
    if (!run.error && run.status === 0) return { ok: true, installed: true, why: run.stdout.trim() };
    why = run.error
      ? `bwrap --version could not start: ${code ?? run.error.message}`
      : `bwrap --version failed: ${run.stderr.trim() || `exit ${run.status ?? run.signal}`}`;
  }
  return { ok: false, installed: true, why };
}

/** Runs a trivial command in a throwaway jail to see whether this machine lets bwrap create namespaces. */
function probeBwrap(dataDir: string, hostUser?: { uid: number; gid: number }): { ok: boolean; installed: boolean; why: string } {
  const which = bwrapVersion();
  if (!which.ok) return { ok: false, installed: which.installed, why: which.why };
  const probeRoot = mkdtempSync(path.join(dataDir, ".probe-"));
  chmodSync(probeRoot, 0o711);
  const dirs: SandboxDirs = {
    root: probeRoot,
    home: path.join(probeRoot, "home"),
    cold: path.join(probeRoot, "cold"),
    tmp: path.join(probeRoot, "tmp"),
    control: path.join(probeRoot, "control"),
  };
  try {
    for (const dir of [dirs.home, dirs.cold, dirs.tmp, dirs.control]) {
      mkdirSync(dir, { mode: 0o700 });
      if (hostUser) chownSync(dir, hostUser.uid, hostUser.gid);
    }
    const isolation = bwrapIsolation(dataDir, hostUser, "");
    const launch = isolation.launch(dirs, "sbx-probe", "agent", "touch /home/agent/ok && test ! -e /etc/shadow", []);
    let why = "";
    // Only a spawn error or the timeout is tried again; bwrap refusing (no namespaces) is an answer.
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = spawnSync(launch.file, launch.args, {
        cwd: launch.cwd,
        env: launch.env as NodeJS.ProcessEnv,
        ...(launch.uid !== undefined ? { uid: launch.uid, gid: launch.gid } : {}),
        encoding: "utf8",
        timeout: 10_000,
      });
      if (result.status === 0 && existsSync(path.join(dirs.home, "ok"))) return { ok: true, installed: true, why: which.why };
      why = (result.stderr || result.error?.message || `exit ${result.status}`).trim();
      if (!result.error) break;
    }
    return { ok: false, installed: true, why };
  } finally {
    rmSync(probeRoot, { recursive: true, force: true });
  }
}

export function chooseIsolation(setting: IsolationSetting, dataDir: string, sandboxUid: number): Isolation {
  const hostUser = process.getuid?.() === 0 ? { uid: sandboxUid, gid: sandboxUid } : undefined;
  if (setting === "none") return plainIsolation(hostUser, "ORCHESTRATOR_ISOLATION=none");
  const probe = probeBwrap(dataDir, hostUser);
  if (probe.ok) return bwrapIsolation(dataDir, hostUser, `${probe.why}, host uid ${hostUser?.uid ?? process.getuid?.()}`);
  if (hostUser) {
    // Still jailed, in a user namespace, but bwrap itself then runs with the orchestrator's full privileges.
    const asRoot = probeBwrap(dataDir, undefined);
    if (asRoot.ok) {
      // The host's directory permissions are left alone: the log and /health say what to change.
      const why = `${asRoot.why}; uid ${hostUser.uid} failed: ${probe.why}`;
      return {
        ...bwrapIsolation(dataDir, undefined, why),
        warning: `Sandbox commands are jailed, but bubblewrap runs as host root because uid ${hostUser.uid} cannot reach ${dataDir}. Move the data dir (ORCHESTRATOR_DATA_DIR) somewhere that uid can reach.`,
      };
    }
  }
  if (setting === "bwrap") throw new Error(`ORCHESTRATOR_ISOLATION=bwrap but bubblewrap cannot run here: ${probe.why}`);
  return plainIsolation(hostUser, `bubblewrap unavailable (${probe.why})`);
}
