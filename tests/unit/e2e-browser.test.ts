import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { afterAll, describe, expect, it } from "vitest";
import { findE2eBrowser } from "../e2e/browser.ts";

const dir = mkdtempSync(path.join(tmpdir(), "e2e-browser-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fakeBrowser = (name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, "#!/bin/sh\n");
  chmodSync(file, 0o755);
  return file;
};
const emptyPath = path.join(dir, "empty");

describe("the e2e browser", () => {
  it("is PLAYWRIGHT_CHROMIUM_EXECUTABLE first, and says so when that is not a program", async () => {
    const chosen = fakeBrowser("my-chrome");
    expect(await findE2eBrowser({ PLAYWRIGHT_CHROMIUM_EXECUTABLE: chosen, PATH: dir })).toMatchObject({
      source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE",
      executablePath: chosen,
    });
    expect(await findE2eBrowser({ PLAYWRIGHT_CHROMIUM_EXECUTABLE: path.join(dir, "missing") })).toMatch(/is not an executable file/);
  });

  it("is then a system Chromium or Chrome on PATH", async ({ skip }) => {
    if (existsSync(chromium.executablePath())) skip("Playwright's own Chromium comes first here");
    const system = fakeBrowser("google-chrome");
    expect(await findE2eBrowser({ PATH: dir })).toMatchObject({ source: "system", executablePath: system });
  });

  it("is else the Chromium inside the npm package @sparticuz/chromium, which runs here", async ({ skip }) => {
    if (existsSync(chromium.executablePath())) skip("Playwright's own Chromium comes first here");
    if (process.platform !== "linux" || process.arch !== "x64") {
      expect(await findE2eBrowser({ PATH: emptyPath })).toMatch(/ships Linux x64 only/);
      return;
    }
    const found = await findE2eBrowser({ PATH: emptyPath });
    expect(found).toMatchObject({ source: "@sparticuz/chromium", executablePath: expect.stringMatching(/chromium$/) });
    // Lambda-only flags that would change what the tests see stay out.
    expect(typeof found === "object" && found.args).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/--single-process|--disable-web-security|--headless/)]),
    );
  }, 60_000);
});
