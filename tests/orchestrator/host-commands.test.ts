import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HostCommands } from "../../local-stack/orchestrator/host-commands.ts";

const dir = mkdtempSync(path.join(tmpdir(), "host-commands-"));
const commands = new HostCommands();
afterAll(async () => {
  await commands.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("host commands run from one helper shell", () => {
  it("gives each of many commands ending together its own status and whole output", async () => {
    writeFileSync(path.join(dir, "file"), Buffer.alloc(64 * 1024, 1));
    // Answers written by jobs ending at the same moment must not interleave (du answers three lines).
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2
          ? commands.run("du", ["-s", "-c", "-B1", dir, dir])
          : commands.run("sh", ["-c", `echo "line ${i}"; echo second; exit ${i % 7}`]),
      ),
    );
    answers.forEach((answer, i) => {
      if (i % 2) {
        expect(answer.code).toBe(0);
        expect(answer.stdout).toMatch(/^\d+\t.+\n\d+\ttotal$/);
      } else {
        expect(answer).toEqual({ code: i % 7, stdout: `line ${i}\nsecond` });
      }
    });
  });

  it("makes FIFOs, and reports a command that fails or does not exist", async () => {
    const fifo = path.join(dir, "out");
    expect((await commands.run("mkfifo", ["-m", "600", fifo])).code).toBe(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect((await commands.run("mkfifo", ["-m", "600", fifo])).code).not.toBe(0);
    expect((await commands.run("no-such-command-here", [])).code).toBe(127);
  });

  it("still runs a command whose argument cannot travel to the helper (empty)", async () => {
    expect(await commands.run("sh", ["-c", 'printf "[%s]" "$1"', "sh", ""])).toEqual({ code: 0, stdout: "[]" });
  });
});
