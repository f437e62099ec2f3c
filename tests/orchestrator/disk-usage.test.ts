import { execFileSync } from "node:child_process";
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskUsage } from "../../local-stack/orchestrator/disk-usage.ts";
import { HostCommands } from "../../local-stack/orchestrator/host-commands.ts";

const root = mkdtempSync(path.join(tmpdir(), "disk-usage-"));
const real = new HostCommands();
const duRuns: string[][] = [];
// The real helper, counting what it is asked to run.
const commands = {
  run: (file: string, args: string[]) => {
    if (file === "du") duRuns.push(args);
    return real.run(file, args);
  },
} as HostCommands;
afterAll(async () => {
  await real.stop();
  rmSync(root, { recursive: true, force: true });
});

function du(folders: string[]): number {
  let out: string;
  try {
    out = execFileSync("du", ["-s", "-c", "-x", "-B1", ...folders], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  return Number(/^(\d+)\s+total$/m.exec(out)![1]);
}

function sandboxFolders(name: string): string[] {
  const folders = ["home", "cold", "tmp"].map((f) => path.join(root, name, f));
  folders.forEach((f) => mkdirSync(f, { recursive: true }));
  return folders;
}

describe("a sandbox's disk usage, measured without a fork for small trees", () => {
  it("counts what du counts: nested folders, a hard link once, a sparse file's blocks, a symlink, a missing folder", async () => {
    const [home, cold, tmp] = sandboxFolders("small");
    mkdirSync(path.join(home!, "a", "b", "c"), { recursive: true });
    writeFileSync(path.join(home!, "a", "b", "c", "data.bin"), Buffer.alloc(300_000, 7));
    writeFileSync(path.join(home!, "tiny.txt"), "hello\n");
    // The same file under two names (a second in another folder of the sandbox) is on disk once.
    linkSync(path.join(home!, "a", "b", "c", "data.bin"), path.join(cold!, "same.bin"));
    // 1 GB that holds no blocks: du counts none, neither may the quota.
    writeFileSync(path.join(tmp!, "sparse"), "");
    truncateSync(path.join(tmp!, "sparse"), 1e9);
    symlinkSync("/etc/passwd", path.join(home!, "link"));
    const missing = path.join(root, "small", "gone");
    const folders = [home!, cold!, tmp!, missing];

    duRuns.length = 0;
    const measured = await diskUsage(folders, commands);
    expect(measured).toBe(du(folders));
    expect(measured).toBeGreaterThanOrEqual(300_000);
    expect(measured).toBeLessThan(600_000);
    expect(duRuns).toEqual([]);
  });

  it("hands a tree of hundreds of entries to du, and walks it again once it is small", async () => {
    const folders = sandboxFolders("large");
    const many = path.join(folders[0]!, "many");
    mkdirSync(many);
    for (let i = 0; i < 400; i++) writeFileSync(path.join(many, `f${i}`), "x");

    duRuns.length = 0;
    const now = Date.now();
    expect(await diskUsage(folders, commands, now)).toBe(du(folders));
    expect(duRuns).toHaveLength(1);
    // Known to be large: straight to du for a while, without walking 250 entries first.
    expect(await diskUsage(folders, commands, now + 1_000)).toBe(du(folders));
    expect(duRuns).toHaveLength(2);

    rmSync(many, { recursive: true });
    expect(await diskUsage(folders, commands, now + 11_000)).toBe(du(folders));
    expect(duRuns).toHaveLength(2);
  });
});
