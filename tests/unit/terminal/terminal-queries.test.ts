// @vitest-environment jsdom
import { Terminal } from "@xterm/xterm";
import { describe, expect, test } from "vitest";
import { swallowTerminalQueries } from "@/lib/terminal/swallow-terminal-queries";
import { prompt, screenOf, setup } from "./xterm-screen";

// The answers are the browser terminal's (xterm's headless build answers no colour query), so these
// tests open @xterm/xterm in jsdom; it measures glyphs on a canvas, which jsdom has not.
HTMLCanvasElement.prototype.getContext = () => null;

// What programs print to ask the terminal: colours (OSC 4/10/11/12 ?), DECRQSS, cursor position,
// device attributes, status and mode reports; each with BEL or ST as terminator where it has one.
const queries = [
  "\x1b]10;?\x1b\\",
  "\x1b]11;?\x07",
  "\x1b]12;?\x07",
  "\x1b]4;1;?\x07",
  "\x1bP$qm\x1b\\",
  "\x1bP$q r\x1b\\",
  "\x1b[6n",
  "\x1b[5n",
  "\x1b[?6n",
  "\x1b[c",
  "\x1b[0c",
  "\x1b[>c",
  "\x1b[4$p",
  "\x1b[?25$p",
  "\x1b[18t",
  "\x1b[14t",
];

/** A browser terminal opened in the DOM: xterm answers colour queries only once it has a theme, on open. */
function openedScreen() {
  window.matchMedia ??= (() => ({
    matches: false,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
  })) as never;
  const screen = screenOf(new Terminal({ cols: 80, rows: 24, allowProposedApi: true }));
  const host = document.createElement("div");
  document.body.append(host);
  screen.term.open(host);
  return screen;
}

describe("terminal queries in a sandbox's output", () => {
  test.each(queries.map((query) => [JSON.stringify(query), query]))("xterm does not answer %s", async (_, query) => {
    const screen = openedScreen();
    screen.term.options.windowOptions = { getWinSizeChars: true, getWinSizePixels: true };
    swallowTerminalQueries(screen.term.parser);
    const answered: string[] = [];
    screen.term.onData((data) => answered.push(data));
    await screen.write(`before${query}after\r\n`);
    expect(answered).toEqual([]);
    expect(screen.lines()).toEqual(["beforeafter"]);
  });

  test("colours, titles and modes are still set: only the questions are dropped", async () => {
    const screen = openedScreen();
    swallowTerminalQueries(screen.term.parser);
    const titles: string[] = [];
    screen.term.onTitleChange((title) => titles.push(title));
    const answered: string[] = [];
    screen.term.onData((data) => answered.push(data));
    await screen.write("\x1b]0;my title\x07\x1b[?2004l\x1b[31mred\x1b[0m\x1b]11;#102030\x07\x1b[?1000h");
    expect(titles).toEqual(["my title"]);
    expect(screen.term.modes.bracketedPasteMode).toBe(false);
    expect(screen.cell(0, 0).getFgColor()).toBe(1);
    // Setting a colour is not a question: xterm takes it, and reports it back only when asked.
    await screen.write("\x1b]11;?\x07");
    expect(answered).toEqual([]);
    // Mouse reporting is never turned on, so no click or move is sent as typed text.
    expect(screen.term.modes.mouseTrackingMode).toBe("none");
  });

  test("no answer reaches the command line or the next command", async () => {
    const { screen, api, editor, type, settle } = setup({ screen: openedScreen() });
    swallowTerminalQueries(screen.term.parser);
    // Wired as the panel wires it: what xterm sends goes to the line editor.
    screen.term.onData((data) => editor.input(data));
    await type("printf queries\r");
    (await api.call(0)).resolve({ stdout: `${queries.join("")}done\n` });
    await settle();
    await type("echo ok\r");
    expect((await api.call(1)).request.command).toBe("echo ok");
    expect(screen.logicalLines()).toContain(`${prompt()}echo ok`);
  });
});
