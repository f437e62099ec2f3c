import { describe, expect, test } from "vitest";
import { stringWidth } from "@/lib/terminal/cell-width";
import { createScreen, prompt, setup } from "./xterm-screen";

/** What a terminal shows for the prompt and `line` typed in one go, and where its cursor is after `cursorAt` graphemes. */
async function drawnAtOnce(cols: number, line: string, cursorAt: number) {
  const reference = createScreen(cols);
  await reference.write(prompt() + line.replace(/\n/g, "\r\n> "));
  const segments = Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(line), (s) => s.segment);
  const before = createScreen(cols);
  // Cursor before grapheme `cursorAt`: where the next character would go.
  await before.write(prompt() + segments.slice(0, cursorAt).join("").replace(/\n/g, "\r\n> "));
  const cursor = before.cursor();
  if (cursor.col >= cols) cursor.col = cols;
  return { lines: reference.lines(), cursor };
}

describe("line editing", () => {
  test("the prompt names the sandbox and the home directory as ~", async () => {
    const { screen } = setup();
    await screen.flush();
    expect(screen.lines()).toEqual([prompt()]);
    expect(screen.cursor()).toEqual({ row: 0, col: prompt().length });
  });

  // Each case: keys typed after "echo hello world", then the line and where the cursor is (graphemes from the start).
  test.each([
    ["Backspace", "\x7f", "echo hello worl", 15],
    ["Left then Backspace", "\x1b[D\x1b[D\x7f", "echo hello wold", 13],
    ["Left (SS3) then Delete", "\x1bOD\x1bOD\x1b[3~", "echo hello word", 14],
    ["Home then Delete", "\x1b[H\x1b[3~", "cho hello world", 0],
    ["Home (SS3), Right (SS3) and a letter", "\x1bOH\x1bOCX", "eXcho hello world", 2],
    ["Ctrl+A then text", "\x01> ", "> echo hello world", 2],
    ["Ctrl+A, Ctrl+E then text", "\x01\x05!", "echo hello world!", 17],
    ["Ctrl+B twice then text", "\x02\x02_", "echo hello wor_ld", 15],
    ["Home, Ctrl+F then text", "\x1b[H\x06_", "e_cho hello world", 2],
    ["End (CSI F) after Home", "\x1b[H\x1b[F?", "echo hello world?", 17],
    ["Ctrl+U in the middle", "\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x15", "world", 0],
    ["Ctrl+K in the middle", "\x1bb\x0b", "echo hello ", 11],
    ["Ctrl+W", "\x17", "echo hello ", 11],
    ["Alt+Backspace", "\x1b\x7f", "echo hello ", 11],
    ["Alt+B twice then text", "\x1bb\x1bb[", "echo [hello world", 6],
    ["Alt+B, Alt+F then text", "\x1bb\x1bb\x1bf]", "echo hello] world", 11],
    ["Ctrl+Left then Ctrl+Right", "\x1b[1;5D\x1b[1;5D\x1b[1;5C.", "echo hello. world", 11],
    ["Alt+D", "\x01\x1bd", " hello world", 0],
    ["Ctrl+D deletes under the cursor", "\x01\x04", "cho hello world", 0],
    ["Backspace at the start does nothing", "\x01\x7f\x7f", "echo hello world", 0],
    ["Right at the end does nothing", "\x1b[C\x1b[C!", "echo hello world!", 17],
    ["Tab is ignored", "\t", "echo hello world", 16],
  ])("%s", async (_name, keys, line, cursor) => {
    const { editor, type, screen } = setup();
    await type("echo hello world");
    await type(keys);
    expect(editor.line).toBe(line);
    expect(screen.lines()).toEqual([prompt() + line]);
    expect(screen.cursor()).toEqual({ row: 0, col: prompt().length + cursor });
  });

  test("Ctrl+C with nothing running keeps the line in the transcript, shows ^C and a fresh prompt", async () => {
    const { editor, type, screen, api } = setup();
    await type("rm -rf oops\x03");
    expect(screen.lines()).toEqual([`${prompt()}rm -rf oops^C`, prompt()]);
    expect(editor.line).toBe("");
    expect(api.calls).toHaveLength(0);
  });

  test("Ctrl+L clears the screen and keeps the line being typed", async () => {
    const { type, screen, api, settle } = setup();
    await type("echo a\r");
    (await api.call(0)).resolve({ stdout: "a\n" });
    await settle();
    await type("half typed\x1b[D\x0c");
    expect(screen.lines()).toEqual([`${prompt()}half typed`]);
    expect(screen.cursor()).toEqual({ row: 0, col: prompt().length + 9 });
  });

  test("an accent typed after its letter joins it: one Backspace removes both", async () => {
    const { editor, type } = setup();
    await type("cafe\u0301");
    expect(editor.line).toBe("cafe\u0301");
    await type("\x7f");
    expect(editor.line).toBe("caf");
  });
});

describe("wrapped lines with wide characters", () => {
  const cols = 24;
  // Wide enough for the prompt and some of the line on its first row.
  const lineCols = 40;
  const text = "echo 中文字符 😀 and 👍 then more 日本語 text";

  test("measures CJK and emoji as two cells", () => {
    expect(stringWidth("中😀a")).toBe(5);
  });

  test("typing past the row wraps like the terminal itself", async () => {
    const { type, screen } = setup({ cols });
    await type(text);
    const expected = await drawnAtOnce(cols, text, [...new Intl.Segmenter().segment(text)].length);
    expect(screen.lines()).toEqual(expected.lines);
    expect(screen.lines().length).toBeGreaterThan(2);
  });

  test.each([
    ["insert in the first row, pushing a wide character across the wrap", "\x01\x1bf\x1bf", "XY"],
    ["delete across the wrap", "\x01" + "\x1b[C".repeat(20), "\x7f\x7f\x7f"],
    ["insert wide characters in the middle", "\x01" + "\x1b[C".repeat(12), "漢字漢字"],
    ["kill to the start from the third row", "\x1b[D\x1b[D\x1b[D\x1b[D", "\x15"],
    ["kill to the end from the first row", "\x01\x1b[C\x1b[C\x1b[C", "\x0b"],
    ["move to the start and back to the end", "\x01", "\x05."],
  ])("%s redraws exactly", async (_name, moves, edit) => {
    const { editor, type, screen } = setup({ cols });
    await type(text);
    await type(moves);
    await type(edit);
    const graphemes = [...new Intl.Segmenter().segment(editor.line)].map((s) => s.segment);
    // Cursor index: count the graphemes before the cursor by asking the editor to type a marker.
    const expectedScreen = await drawnAtOnce(cols, editor.line, graphemes.length);
    expect(screen.lines()).toEqual(expectedScreen.lines);
    await type("|");
    const line = editor.line;
    const at = [...new Intl.Segmenter().segment(line)].map((s) => s.segment).indexOf("|");
    const withMarker = await drawnAtOnce(cols, line, at);
    expect(screen.lines()).toEqual(withMarker.lines);
    // The cursor sits just after the marker.
    const afterMarker = await drawnAtOnce(cols, line, at + 1);
    expect(screen.cursor()).toEqual(afterMarker.cursor.col >= cols ? { row: afterMarker.cursor.row + 1, col: 0 } : afterMarker.cursor);
  });

  test("a line ending exactly at the last column keeps the cursor where the next character goes", async () => {
    const { type, screen } = setup({ cols: lineCols });
    const fill = "x".repeat(lineCols - prompt().length);
    await type(fill);
    expect(screen.cursor()).toEqual({ row: 1, col: 0 });
    await type("\x7f");
    expect(screen.lines()).toEqual([prompt() + fill.slice(1)]);
    await type("y中");
    expect(screen.lines()).toEqual([prompt() + fill.slice(1) + "y", "中"]);
    expect(screen.cursor()).toEqual({ row: 1, col: 2 });
  });

  test("a wide character that does not fit in the last cell goes to the next row", async () => {
    const { type, screen, editor } = setup({ cols: lineCols });
    await type("x".repeat(lineCols - prompt().length - 1) + "中z");
    expect(screen.lines()).toEqual([prompt() + "x".repeat(lineCols - prompt().length - 1), "中z"]);
    await type("\x1b[D\x1b[D\x7f");
    expect(editor.line).toBe("x".repeat(lineCols - prompt().length - 2) + "中z");
    expect(screen.lines()).toEqual([prompt() + "x".repeat(lineCols - prompt().length - 2) + "中", "z"]);
  });

  test("after a resize the prompt and line are drawn again for the new width, and editing goes on from there", async () => {
    const { type, screen, editor } = setup({ cols: 40 });
    await type("echo 中文字符 😀 and more words here");
    screen.term.resize(24, 24);
    await screen.flush();
    editor.resize(24, screen.cursor());
    await type("\x01X");
    const expected = await drawnAtOnce(24, editor.line, 1);
    expect(editor.line).toBe("Xecho 中文字符 😀 and more words here");
    expect(screen.lines()).toEqual(expected.lines);
    expect(screen.cursor()).toEqual(expected.cursor);
  });
});
