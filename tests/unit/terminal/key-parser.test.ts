import { describe, expect, test } from "vitest";
import { KeyParser } from "@/lib/terminal/key-parser";

const actions = (data: string) =>
  new KeyParser().feed(data).map((token) => (token.type === "key" ? token.action : `${token.type}:${token.text}`));

describe("key parser", () => {
  test.each([
    ["\x1b[A", "up"],
    ["\x1bOA", "up"],
    ["\x1b[B", "down"],
    ["\x1bOB", "down"],
    ["\x1b[C", "right"],
    ["\x1bOC", "right"],
    ["\x1b[D", "left"],
    ["\x1bOD", "left"],
    ["\x1b[H", "home"],
    ["\x1bOH", "home"],
    ["\x1b[1~", "home"],
    ["\x1b[F", "end"],
    ["\x1bOF", "end"],
    ["\x1b[4~", "end"],
    ["\x1b[3~", "delete"],
    ["\x1b[1;5D", "wordLeft"],
    ["\x1b[1;5C", "wordRight"],
    ["\x1bb", "wordLeft"],
    ["\x1bf", "wordRight"],
    ["\x1bd", "killWordAfter"],
    ["\x1b\x7f", "killWordBefore"],
    ["\x7f", "backspace"],
    ["\x08", "backspace"],
    ["\r", "enter"],
    ["\x01", "home"],
    ["\x05", "end"],
    ["\x02", "left"],
    ["\x06", "right"],
    ["\x15", "killToStart"],
    ["\x0b", "killToEnd"],
    ["\x17", "killWordBefore"],
    ["\x03", "interrupt"],
    ["\x0c", "clearScreen"],
    ["\x04", "deleteOrEof"],
  ])("%j is %s", (data, action) => {
    expect(actions(data)).toEqual([action]);
  });

  test("text runs stay together, keys split them, CRLF is one Enter", () => {
    expect(actions("ls -la\r\necho é中😀\x7f")).toEqual(["text:ls -la", "enter", "text:echo é中😀", "backspace"]);
  });

  test("unknown escape sequences and control characters are dropped, not typed", () => {
    expect(actions("a\x1b[200;1R\x1b[Zb\x00\x1b[?1;2c")).toEqual(["text:a", "text:b"]);
  });

  test("a bracketed paste is one token, even across calls", () => {
    const parser = new KeyParser();
    expect(parser.feed("x\x1b[200~line 1\r")).toEqual([{ type: "text", text: "x" }]);
    expect(parser.feed("line 2\x1b[A\x1b[201~y")).toEqual([
      { type: "paste", text: "line 1\rline 2\x1b[A" },
      { type: "text", text: "y" },
    ]);
  });
});
