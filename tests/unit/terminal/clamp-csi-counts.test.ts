import { describe, expect, it } from "vitest";
import { clampCsiCounts } from "@/lib/terminal/clamp-csi-counts";

describe("clampCsiCounts", () => {
  it("lowers counts past any screen in the sequences xterm loops over, 7-bit and C1", () => {
    expect(clampCsiCounts("x\x1b[2147483647b\x1b[99999S\x9b1000000T\x1b[999999999;999999999H")).toBe(
      "x\x1b[999b\x1b[999S\x9b999T\x1b[999;999H",
    );
  });

  it("leaves everything else as it is: modes, colours, small counts, plain text", () => {
    const text = "\x1b[?1049h\x1b[?2004l\x1b[38;2;255;0;0m\x1b[12;40H\x1b[3S12345678 text\x1b[0m";
    expect(clampCsiCounts(text)).toBe(text);
  });
});
