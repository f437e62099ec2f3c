import type { IDisposable, IParser } from "@xterm/xterm";

/**
 * Sequences by which a program asks the terminal something. xterm.js answers them through
 * `onData`, exactly as if the user had typed the answer: here that would put it on the command
 * line (`1$r0m10;rgb:1111/1818/2727…`) and send it with the next command. A sandbox's output has
 * no program waiting for an answer (exec is a request and a response, no PTY), so the queries are
 * dropped before xterm answers them.
 */
const csiQueries = [
  { final: "c" }, // DA1: primary device attributes
  { prefix: ">", final: "c" }, // DA2: secondary device attributes
  { final: "n" }, // DSR: status (5 n) and cursor position (6 n)
  { prefix: "?", final: "n" }, // DECXCPR and the other private status reports
  { intermediates: "$", final: "p" }, // DECRQM: ANSI mode report
  { prefix: "?", intermediates: "$", final: "p" }, // DECRQM: private mode report
] as const;

/** OSC colour numbers whose `?` asks for the colour instead of setting it. */
const colourOscs = [4, 10, 11, 12] as const;

/** Window reports of `CSI Ps t` (xterm answers some when `windowOptions` allow them). */
const windowReports = new Set([11, 13, 14, 15, 16, 18, 19, 20, 21]);

/**
 * Modes that make xterm report the mouse and focus through `onData`. The editor turns them off
 * after every answer (`modeReset`); this keeps them from being on while the output is written.
 */
const reportingModes = new Set([9, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1015, 1016]);

const swallow = () => true;
const value = (param: number | number[] | undefined) => (Array.isArray(param) ? param[0] : param) ?? 0;

/** Drops every query xterm would answer through `onData`; setting colours, titles and modes still works. */
export function swallowTerminalQueries(parser: IParser): IDisposable {
  const handlers: IDisposable[] = [
    ...csiQueries.map((id) => parser.registerCsiHandler(id, swallow)),
    parser.registerCsiHandler({ final: "t" }, (params) => windowReports.has(value(params[0]))),
    parser.registerCsiHandler({ prefix: "?", final: "h" }, (params) => params.some((mode) => reportingModes.has(value(mode)))),
    parser.registerDcsHandler({ intermediates: "$", final: "q" }, swallow), // DECRQSS: request status string
    ...colourOscs.map((ident) => parser.registerOscHandler(ident, (data) => data.split(";").includes("?"))),
  ];
  return { dispose: () => handlers.forEach((handler) => handler.dispose()) };
}
