import { describe, expect, test } from "vitest";
import {
  capOutput,
  chunkText,
  cutUtf8,
  endsAtLineStart,
  modeReset,
  toPlainText,
  toTerminalLineEndings,
  utf8Length,
} from "@/lib/terminal/output";
import { capTranscript } from "@/lib/terminal/session-store";

describe("output helpers", () => {
  test("line endings become CRLF once; a lone CR stays", () => {
    expect(toTerminalLineEndings("a\nb\r\nc\rd")).toBe("a\r\nb\r\nc\rd");
  });

  test("UTF-8 lengths and cuts never split a character", () => {
    expect(utf8Length("aé中😀")).toBe(1 + 2 + 3 + 4);
    expect(cutUtf8("a😀b", 4)).toEqual({ kept: "a", droppedBytes: 5 });
    expect(cutUtf8("a😀b", 5)).toEqual({ kept: "a😀", droppedBytes: 1 });
  });

  test("the cap keeps stdout first and the start of stderr, counting what is dropped", () => {
    expect(capOutput("abc", "de", 10)).toEqual({ stdout: "abc", stderr: "de", droppedBytes: 0 });
    const capped = capOutput("x".repeat(100), "error!", 32);
    expect(capped.stdout).toBe("x".repeat(30));
    expect(capped.stderr).toBe("er");
    expect(capped.droppedBytes).toBe(70 + 4);
  });

  test("chunks never split a surrogate pair", () => {
    const chunks = chunkText("ab😀cd", 3);
    expect(chunks).toEqual(["ab", "😀c", "d"]);
    expect(chunks.join("")).toBe("ab😀cd");
  });

  test("plain text drops escapes and keeps a progress line's last state", () => {
    expect(toPlainText("\x1b[1;32mok\x1b[0m\r\n10%\r50%\r100%\r\n\x1b]0;title\x07done")).toBe("ok\n100%\ndone");
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
});
