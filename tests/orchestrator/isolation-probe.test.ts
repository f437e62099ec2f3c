import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { chooseIsolation } from "../../local-stack/orchestrator/isolation.ts";

const realBwrap = spawnSync("sh", ["-c", "command -v bwrap"], { encoding: "utf8" }).stdout.trim();
const savedPath = process.env.PATH;
const dirs: string[] = [];

/** Puts a `bwrap` first on PATH that runs `body` (sh), so the probe meets a failing bwrap. */
function fakeBwrap(body: string): string {
  const bin = mkdtempSync(path.join(tmpdir(), "fake-bwrap-"));
  const data = mkdtempSync(path.join(tmpdir(), "probe-data-"));
  dirs.push(bin, data);
  writeFileSync(path.join(bin, "bwrap"), `#!/bin/sh\n${body}\n`);
  chmodSync(path.join(bin, "bwrap"), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
  return data;
}

afterEach(() => {
  process.env.PATH = savedPath;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the orchestrator's bubblewrap probe", () => {
  it("says bwrap failed, not that it is missing, when it is there but fails (CI read this as not installed)", () => {
    const data = fakeBwrap('echo "bwrap: Resource temporarily unavailable" >&2; exit 1');
    const isolation = chooseIsolation("auto", data, 100_000);
    expect(isolation.mode).toBe("none");
    expect(isolation.reason).toMatch(/bwrap --version failed: bwrap: Resource temporarily unavailable/);
    expect(isolation.reason).not.toMatch(/not installed/);
  });

  it("tries again when bwrap fails a time or two, and jails where bubblewrap works", ({ skip }) => {
    if (!realBwrap) skip("bubblewrap is not installed here");
    // Fails twice: as root the probe runs twice (as the sandbox uid, then as root), so a probe that
    // does not try again ends unjailed either way.
    const data = fakeBwrap(`[ -e "$0.2" ] || { [ -e "$0.1" ] && touch "$0.2" || touch "$0.1"; exit 1; }\nexec ${realBwrap} "$@"`);
    const isolation = chooseIsolation("auto", data, 100_000);
    // Where namespaces are refused (some containers) the reason says so; a one-off failure never decides.
    if (isolation.mode !== "bwrap") expect(isolation.reason).not.toMatch(/not installed|--version/);
    else expect(isolation.reason).toMatch(/^bubblewrap \d/);
  });
});
