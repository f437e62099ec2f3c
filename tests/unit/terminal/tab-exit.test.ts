import { describe, expect, it } from "vitest";
import { createTabExit } from "@/lib/terminal/tab-exit";

const key = (
  k: string,
  type = "keydown",
  mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }> = {},
) => ({
  type,
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe("createTabExit", () => {
  it("lets only the Tab right after Escape leave the terminal (Shift held or not)", () => {
    const exits = createTabExit();
    expect(exits(key("Tab"))).toBe(false);
    expect(exits(key("Escape"))).toBe(false);
    expect(exits(key("Escape", "keyup"))).toBe(false);
    expect(exits(key("Shift"))).toBe(false);
    expect(exits(key("Tab", "keydown", { shiftKey: true }))).toBe(true);
    // Once: the next Tab is the terminal's again.
    expect(exits(key("Tab"))).toBe(false);
    expect(exits(key("Escape"))).toBe(false);
    expect(exits(key("a"))).toBe(false);
    expect(exits(key("Tab"))).toBe(false);
  });
});
