import type { HostCommands } from "./host-commands.ts";
import type { SandboxDirs } from "./sandbox-paths.ts";
import { diskUsage } from "./disk-usage.ts";

const mib = 1024 * 1024;
/** Every command may still write this much, so that a full sandbox can list and delete its files. */
const headroomBytes = mib;
const pollMs = 250;

const diskUsageOf = (dirs: SandboxDirs, commands: HostCommands) => diskUsage([dirs.home, dirs.cold, dirs.tmp], commands);

export interface DiskGuard {
  /** The soft RLIMIT_FSIZE for the command, in 1024-byte blocks. */
  fileSizeBlocks: number;
  /** True once the guard stopped the command. */
  readonly exceeded: boolean;
  end(): void;
}

/**
 * Bounds what a sandbox keeps on disk (its home, cold folder and, jailed, its /tmp). No quota
 * needs root here, so it is held in two steps: a command may grow no single file past what is
 * left (a soft RLIMIT_FSIZE: the write fails with EFBIG, and the writer gets SIGXFSZ), and while
 * it runs, the folders are measured every 250 ms; once they are past the quota and still growing
 * the command is killed. What a command writes within one measurement can pass the quota by that much.
 */
export async function guardDisk(
  dirs: SandboxDirs,
  commands: HostCommands,
  quotaBytes: number,
  maxFileBytes: number,
  kill: () => void,
): Promise<DiskGuard> {
  const before = await diskUsageOf(dirs, commands);
  const left = Math.max(quotaBytes - before, headroomBytes);
  let exceeded = false;
  let last = before;
  let measuring = false;
  const timer = setInterval(() => {
    if (measuring) return;
    measuring = true;
    void diskUsageOf(dirs, commands).then((now) => {
      measuring = false;
      if (now > quotaBytes && now > last && !exceeded) {
        exceeded = true;
        kill();
      }
      last = now;
    });
  }, pollMs);
  timer.unref();
  return {
    fileSizeBlocks: Math.floor(Math.min(left, maxFileBytes) / 1024),
    get exceeded() {
      return exceeded;
    },
    end: () => clearInterval(timer),
  };
}

export const diskQuotaNotice = (quotaBytes: number) =>
  `[the sandbox's disk quota (${Math.round(quotaBytes / mib)} MiB) is full: the command was stopped; delete files to free space]\n`;
