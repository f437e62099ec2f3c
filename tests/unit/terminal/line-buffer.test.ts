import { describe, expect, test } from "vitest";
import { LineBuffer } from "@/lib/terminal/line-buffer";

const at = (text: string, cursor: number) => {
  const line = new LineBuffer();
  line.set(text, cursor);
  return line;
};

describe("the typed line", () => {
  test("word motions stop at letters, digits and _ (readline's words); Ctrl+W deletes back to a space", () => {
    const line = at("cat some_file.txt  | wc", 17);
    expect(line.motionTarget("wordLeft")).toBe(14);
    expect(line.motionTarget("wordRight")).toBe(23);
    expect(line.deletion("killWordBefore")).toEqual([4, 17]);
    expect(line.deletion("killWordAfter")).toEqual([17, 23]);
  });

  test("Backspace and Delete do nothing at the line's edges; the kills always name their range", () => {
    expect(at("ls", 0).deletion("backspace")).toBeNull();
    expect(at("ls", 2).deletion("delete")).toBeNull();
    expect(at("ls", 0).deletion("killToStart")).toEqual([0, 0]);
    expect(at("ls", 1).deletion("killToEnd")).toEqual([1, 2]);
  });

  test("an accent typed after its letter joins it, and a redraw starts where the line changed", () => {
    const line = at("cafe", 4);
    expect(line.insert("\u0301")).toBe(3);
    expect(line.graphemes).toEqual(["c", "a", "f", "e\u0301"]);
    expect(line.cursor).toBe(4);
    expect(line.replace(3, 4, "")).toBe(3);
    expect(line.text).toBe("caf");
  });
});
