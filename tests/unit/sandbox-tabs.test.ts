import { describe, expect, it } from "vitest";
import { readSandboxTab } from "../../lib/sandbox/sandbox-tabs.ts";

describe("readSandboxTab", () => {
  it("reads ?tab= and falls back to the terminal for a missing or unknown tab", () => {
    expect(readSandboxTab("terminal")).toBe("terminal");
    expect(readSandboxTab(["terminal", "x"])).toBe("terminal");
    expect(readSandboxTab("files")).toBe("files");
    expect(readSandboxTab("processes")).toBe("processes");
    expect(readSandboxTab("ssh")).toBe("ssh");
    expect(readSandboxTab("nope")).toBe("terminal");
    expect(readSandboxTab(undefined)).toBe("terminal");
  });
});
