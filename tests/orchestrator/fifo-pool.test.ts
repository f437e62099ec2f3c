import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FifoPool } from "../../local-stack/orchestrator/fifo-pool.ts";
import { HostCommands } from "../../local-stack/orchestrator/host-commands.ts";

const dir = mkdtempSync(path.join(tmpdir(), "fifo-pool-"));
const real = new HostCommands();
let mkfifoRuns = 0;
// The real helper, counting its forks of mkfifo.
const commands = {
  run: (file: string, args: string[]) => {
    if (file === "mkfifo") mkfifoRuns++;
    return real.run(file, args);
  },
} as HostCommands;
afterAll(async () => {
  await real.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the FIFO pairs of a sandbox's execs", () => {
  it("hands 20 execs starting together a pair each, made by a few mkfifo runs rather than one each", async () => {
    const pool = new FifoPool(dir, undefined, commands);
    const ids = await Promise.all(Array.from({ length: 20 }, () => pool.take()));
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-z]+$/);
      for (const file of FifoPool.paths(dir, id)) {
        const stat = statSync(file);
        expect(stat.isFIFO()).toBe(true);
        expect(stat.mode & 0o777).toBe(0o600);
      }
    }
    expect(mkfifoRuns).toBeGreaterThanOrEqual(3);
    expect(mkfifoRuns).toBeLessThanOrEqual(5);
  });

  it("fails an exec that cannot get its FIFOs instead of leaving it waiting", async () => {
    const pool = new FifoPool(path.join(dir, "no-such-folder"), undefined, commands);
    await expect(pool.take()).rejects.toThrow(/mkfifo failed/);
    await expect(pool.take()).rejects.toThrow(/mkfifo failed/);
  });
});
