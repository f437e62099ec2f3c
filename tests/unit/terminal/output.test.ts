import { describe, expect, test } from "vitest";
import {
  chunkText,
  dropScrolledOff,
  endsAtLineStart,
  modeReset,
  styleStderr,
  toPlainText,
  toTerminalLineEndings,
} from "@/lib/terminal/output";
import { capTranscript } from "@/lib/terminal/session-store";
import { terminalThemes } from "@/lib/terminal/themes";

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("output helpers", () => {
  test("line endings become CRLF once; a lone CR stays", () => {
    expect(toTerminalLineEndings("a\nb\r\nc\rd")).toBe("a\r\nb\r\nc\rd");
  });

  test("chunks never split a surrogate pair", () => {
    const chunks = chunkText("ab😀cd", 3);
    expect(chunks).toEqual(["ab", "😀c", "d"]);
    expect(chunks.join("")).toBe("ab😀cd");
  });

  test("plain text drops escapes and keeps a progress line's last state", () => {
    expect(toPlainText("\x1b[1;32mok\x1b[0m\r\n10%\r50%\r100%\r\n\x1b]0;title\x07done")).toBe("ok\n100%\ndone");
  });

  test("plain text of a transcript has no stray characters from the reset after each answer", () => {
    // The reset ends with the keypad mode (`ESC >`): "Copy all" showed a `>` before each prompt.
    expect(toPlainText(`out\r\n${modeReset}~ $ ls\r\n`)).toBe("out\n~ $ ls\n");
    expect(toPlainText("\x1b=a\x1b7b\x1b8c\x1b(Bd\x1bMe")).toBe("abcde");
  });

  test("stderr is red at full strength, at least 4.5:1 on both terminal themes", () => {
    const styled = styleStderr("boom");
    // SGR 2 (dim) is drawn at half opacity by xterm: about 2.5:1.
    const sgr = [...styled.matchAll(/\x1b\[([\d;]*)m/g)].flatMap((m) => m[1]!.split(";"));
    expect(sgr).not.toContain("2");
    expect(sgr).toContain("31");
    for (const theme of Object.values(terminalThemes)) expect(contrast(theme.red!, theme.background!)).toBeGreaterThanOrEqual(4.5);
  });

  test("line start ignores trailing colour resets", () => {
    expect(endsAtLineStart("a\r\n\x1b[0m")).toBe(true);
    expect(endsAtLineStart("a")).toBe(false);
    expect(endsAtLineStart(`a\n${modeReset}`)).toBe(true);
    expect(endsAtLineStart(`a${modeReset}`)).toBe(false);
    expect(endsAtLineStart("")).toBe(true);
  });

  test("a capped transcript keeps whole lines from the end and says so", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}\r\n`).join("");
    const capped = capTranscript(lines, 200);
    expect(capped.length).toBeLessThanOrEqual(200);
    expect(toPlainText(capped).split("\n")[0]).toBe("[earlier output not kept]");
    expect(capped.endsWith("line 99\r\n")).toBe(true);
    expect(toPlainText(capped).split("\n")[1]).toMatch(/^line \d+$/);
  });

  describe("dropping what would scroll out of the terminal", () => {
    const lines = (n: number, text = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${text(i)}\r\n`).join("");

    test("keeps the last keptRows lines and drops the rest, cut at a line start", () => {
      const text = lines(10) + "tail";
      const { dropped, shown } = dropScrolledOff(text, 3, 80);
      expect(dropped + shown).toBe(text);
      expect(shown).toBe("line 7\r\nline 8\r\nline 9\r\ntail");
    });

    test("drops nothing when everything fits", () => {
      expect(dropScrolledOff(lines(3), 3, 80)).toEqual({ dropped: "", shown: lines(3) });
      expect(dropScrolledOff(lines(3), 10, 80)).toEqual({ dropped: "", shown: lines(3) });
      expect(dropScrolledOff("no line break", 1, 80).dropped).toBe("");
    });

    test("a long line of plain text counts the rows it wraps to", () => {
      // 25 characters in 10 columns: 3 rows each.
      const text = lines(10, (i) => String(i).padEnd(25, "x"));
      expect(dropScrolledOff(text, 6, 10).shown).toBe(lines(2, (i) => String(i + 8).padEnd(25, "x")));
      expect(dropScrolledOff(text, 7, 10).shown).toBe(lines(3, (i) => String(i + 7).padEnd(25, "x")));
    });

    test("a line that is not plain ASCII counts as one row, never more", () => {
      // Wide characters take two cells each, but the count must never overshoot: one row.
      const text = lines(5, () => "中".repeat(30));
      expect(dropScrolledOff(text, 2, 10).shown).toBe(lines(2, () => "中".repeat(30)));
    });

    test("never drops an escape or control: the cut moves back to the line holding the first one", () => {
      const text = lines(3) + "\x1b[31mred from here\r\n" + lines(10);
      expect(dropScrolledOff(text, 2, 80).dropped).toBe(lines(3));
      const c1 = lines(3) + "\x9b31m\r\n" + lines(10);
      expect(dropScrolledOff(c1, 2, 80).dropped).toBe(lines(3));
      const bell = "\x07" + lines(10);
      expect(dropScrolledOff(bell, 2, 80).dropped).toBe("");
    });

    test("tabs and progress lines rewritten with CR are plain and may be dropped", () => {
      const text = "a\tb\r\n10%\r50%\r100%\r\n" + lines(5);
      expect(dropScrolledOff(text, 5, 80)).toEqual({ dropped: "a\tb\r\n10%\r50%\r100%\r\n", shown: lines(5) });
    });
  });
});
