import { describe, expect, test } from "vitest";
import { terminalShortcut } from "@/lib/terminal/shortcuts";

const key = (key: string, mods: Partial<Record<"ctrlKey" | "shiftKey" | "altKey" | "metaKey", boolean>> = {}) => ({
  key,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe("terminal shortcuts", () => {
  test("Ctrl+C copies only with a selection; without one it goes to the terminal (interrupt)", () => {
    expect(terminalShortcut(key("c", { ctrlKey: true }), true)).toBe("copy");
    expect(terminalShortcut(key("c", { ctrlKey: true }), false)).toBeNull();
  });

  test("Ctrl+Shift+C copies and Ctrl+Shift+V pastes", () => {
    expect(terminalShortcut(key("C", { ctrlKey: true, shiftKey: true }), false)).toBe("copy");
    expect(terminalShortcut(key("V", { ctrlKey: true, shiftKey: true }), false)).toBe("paste");
    expect(terminalShortcut(key("v", { ctrlKey: true }), false)).toBeNull();
  });

  test("Ctrl+F and Cmd+F search; other keys pass", () => {
    expect(terminalShortcut(key("f", { ctrlKey: true }), false)).toBe("search");
    expect(terminalShortcut(key("f", { metaKey: true }), false)).toBe("search");
    expect(terminalShortcut(key("a", { ctrlKey: true }), false)).toBeNull();
    expect(terminalShortcut(key("b", { altKey: true }), false)).toBeNull();
    expect(terminalShortcut(key("c"), true)).toBeNull();
  });
});
