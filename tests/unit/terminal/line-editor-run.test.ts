import { afterEach, describe, expect, test, vi } from "vitest";
import { SandboxApiError, type SandboxApiProblem } from "@/lib/sandbox/api-client";
import { memoryStorage, prompt, ready, setup } from "./xterm-screen";

afterEach(() => {
  vi.useRealTimers();
});

describe("running commands", () => {
  test("Enter sends the line with the timeout and cwd, prints stdout then stderr, and the prompt follows the new cwd", async () => {
    const { type, api, screen, settle } = setup();
    await type("cd /tmp && echo hi\r");
    const call = await api.call(0);
    expect(call.request).toEqual({ command: "cd /tmp && echo hi", timeout: 30, cwd: "/home/agent" });
    call.resolve({ stdout: "hi\nthere\n", stderr: "warn\n", cwd: "/tmp" });
    await settle();
    expect(screen.lines()).toEqual([`${prompt()}cd /tmp && echo hi`, "hi", "there", "warn", prompt("/tmp")]);
    await type("pwd\r");
    expect((await api.call(1)).request.cwd).toBe("/tmp");
  });

  test("stderr is red (not dim); the command's own colours are kept; the prompt is not coloured by them", async () => {
    const { type, api, screen, settle } = setup();
    await type("run\r");
    (await api.call(0)).resolve({ stdout: "\x1b[32mgreen\x1b[0m plain \x1b[31mleft red", stderr: "bad\n", exit_code: 1 });
    await settle();
    const lines = screen.lines();
    expect(lines.slice(1)).toEqual(["green plain left redbad", "[exit code 1]", prompt()]);
    const green = screen.cell(1, 0);
    expect(green.isFgPalette() && green.getFgColor()).toBe(2);
    const stderr = screen.cell(1, lines[1]!.indexOf("bad"));
    expect(stderr.getFgColor()).toBe(1);
    // Full red, not dim: dim red read at 2.5:1.
    expect(stderr.isDim()).toBe(0);
    const promptCell = screen.cell(3, prompt().length - 1);
    expect(promptCell.isFgDefault()).toBe(true);
    expect(promptCell.isDim()).toBe(0);
  });

  test("output without a final newline still leaves the prompt on its own line", async () => {
    const { type, api, screen, settle } = setup();
    await type("printf x\r");
    (await api.call(0)).resolve({ stdout: "x" });
    await settle();
    expect(screen.lines().slice(1)).toEqual(["x", prompt()]);
  });

  test.each([
    ["an unfinished colour sequence", "text\x1b[3"],
    ["an unfinished title (OSC)", "text\x1b]0;my title"],
    ["the alternate screen left on", "\x1b[?1049htext"],
    ["hidden cursor, insert mode and application keys", "text\x1b[?25l\x1b[4h\x1b[?1h"],
    ["a DEC graphics character set", "text\x1b(0"],
  ])("terminal modes are reset after each answer: %s", async (_name, stdout) => {
    const { type, api, screen, settle, editor } = setup();
    await type("run\r");
    (await api.call(0)).resolve({ stdout });
    await settle();
    await type("echo qx\x1b[D\x1b[D");
    const lines = screen.lines();
    expect(lines[lines.length - 1]).toBe(`${prompt()}echo qx`);
    expect(editor.line).toBe("echo qx");
    const modes = screen.term.modes;
    expect(modes.insertMode).toBe(false);
    expect(modes.applicationCursorKeysMode).toBe(false);
    expect(modes.bracketedPasteMode).toBe(true);
    expect(screen.term.buffer.active.type).toBe("normal");
  });

  test("Unicode comes through whole even when chunks split it", async () => {
    const { type, api, screen, settle } = setup({ chunkSize: 3 });
    await type("printf\r");
    (await api.call(0)).resolve({ stdout: "héllo 中文 😀👍🏽 ñ\n" });
    await settle();
    expect(screen.lines()[1]).toBe("héllo 中文 😀👍🏽 ñ");
  });

  test("large output is written in pieces of at most 32 KiB", async () => {
    const { type, api, screen, settle } = setup();
    await type("big\r");
    const stdout = "y\n".repeat(200_000);
    (await api.call(0)).resolve({ stdout });
    await settle();
    await vi.waitFor(() => expect(screen.lines().at(-1)).toBe(prompt()), { timeout: 20_000 });
    const outputWrites = screen.written.filter((w) => w.includes("y\r\ny"));
    expect(outputWrites.length).toBeGreaterThan(10);
    expect(Math.max(...outputWrites.map((w) => w.length))).toBeLessThanOrEqual(32 * 1024);
  });

  test.each([
    ["80 columns", 80],
    ["30 columns (long lines wrap)", 30],
  ])("output scrolling past the scrollback is not written, and the terminal ends the same: %s", async (_name, cols) => {
    const stdout =
      Array.from({ length: 7_000 }, (_, i) => `plain ${i} `.padEnd(75, "x") + "\n").join("") +
      "10%\r50%\r100%\n\t中文 😀\n\x1b[32mgreen\x1b[0m and \x1b[1mbold\n" +
      Array.from({ length: 3_000 }, (_, i) => `after ${i}\n`).join("");
    const answer = { stdout, stderr: "warn\n", exit_code: 2 };
    const runOn = async (keptRows?: () => number) => {
      const run = setup({ cols, rows: 24, keptRows });
      await run.type("flood\r");
      (await run.api.call(0)).resolve(answer);
      await run.settle();
      await vi.waitFor(() => expect(run.screen.lines().at(-1)).toBe(prompt()), { timeout: 20_000 });
      return run;
    };
    const everything = await runOn();
    const trimmed = await runOn(() => 24 + 5000);
    const bytes = (written: string[]) => written.reduce((sum, w) => sum + w.length, 0);
    expect(bytes(trimmed.screen.written)).toBeLessThan(bytes(everything.screen.written) * 0.8);
    const cells = (screen: typeof everything.screen) => {
      const buffer = screen.term.buffer.active;
      const rows: string[] = [];
      for (let y = 0; y < buffer.length; y++) {
        const line = buffer.getLine(y)!;
        let row = `${line.isWrapped ? "+" : " "}${line.translateToString()}|`;
        for (let x = 0; x < cols; x++) {
          const cell = line.getCell(x)!;
          row += `${cell.getWidth()}${cell.getFgColorMode()}:${cell.getFgColor()}${cell.isBold()}${cell.isDim()};`;
        }
        rows.push(row);
      }
      return rows;
    };
    expect(cells(trimmed.screen)).toEqual(cells(everything.screen));
    expect(trimmed.screen.cursor()).toEqual(everything.screen.cursor());
    expect(trimmed.screen.lines().slice(-4)).toEqual(["after 2999", "warn", "[exit code 2]", prompt()]);
    expect(trimmed.editor.plainTranscript()).toBe(everything.editor.plainTranscript());
  });

  test("a command the server says timed out is said once, in words; an exit code 124 of its own is an exit code", async () => {
    const { type, api, screen, settle, editor } = setup();
    editor.setTimeoutSeconds(5);
    await type("sleep 10\r");
    const slow = await api.call(0);
    expect(slow.request.timeout).toBe(5);
    slow.resolve({ exit_code: 124, timed_out: true });
    await settle();
    expect(screen.lines().slice(-2)).toEqual(["[timed out after 5 s: stopped with its child processes (exit code 124)]", prompt()]);
    await type("exit 124\r");
    (await api.call(1)).resolve({ exit_code: 124 });
    await settle();
    expect(screen.lines().at(-2)).toBe("[exit code 124]");
  });

  test.each([
    [137, "[exit code 137: killed (SIGKILL): out of memory, or stopped by force]"],
    [139, "[exit code 139: crashed: segmentation fault (SIGSEGV)]"],
    [127, "[exit code 127: command not found]"],
    [3, "[exit code 3]"],
  ])("exit code %i is said in words", async (code, line) => {
    const { type, api, screen, settle } = setup();
    await type("x\r");
    (await api.call(0)).resolve({ exit_code: code });
    await settle();
    expect(screen.lines().at(-2)).toBe(line);
  });

  test("the timeout is kept between 1 and 600 s and remembered", async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    first.editor.setTimeoutSeconds(9999);
    expect(first.editor.state.timeoutSeconds).toBe(600);
    first.editor.setTimeoutSeconds(0);
    expect(first.editor.state.timeoutSeconds).toBe(1);
    first.editor.setTimeoutSeconds(120);
    const second = setup({ storage });
    await second.type("x\r");
    expect((await second.api.call(0)).request.timeout).toBe(120);
  });

  test("an empty or blank line prints a new prompt and sends nothing", async () => {
    const { type, api, screen } = setup();
    await type("\r   \r");
    expect(screen.lines()).toEqual([prompt(), `${prompt()}   `, prompt()]);
    expect(api.calls).toHaveLength(0);
  });
});

describe("while a command runs", () => {
  test("keys typed meanwhile appear at the next prompt", async () => {
    const { type, api, screen, settle, editor, states } = setup();
    await type("sleep 2\r");
    await type("echo ne\x1b[Dx");
    expect(states.at(-1)).toBe("busy");
    expect(screen.lines()).toEqual([`${prompt()}sleep 2`]);
    (await api.call(0)).resolve({});
    await settle();
    expect(editor.line).toBe("echo nxe");
    expect(screen.lines().at(-1)).toBe(`${prompt()}echo nxe`);
  });

  test("a typed-ahead Enter runs the next command when the first ends", async () => {
    const { type, api, settle } = setup();
    await type("one\r");
    await type("two\rthr");
    (await api.call(0)).resolve({});
    // Not settle(): the editor goes straight on to the typed-ahead command, so it stays busy.
    expect((await api.call(1)).request.command).toBe("two");
    (await api.call(1)).resolve({});
    await settle();
    expect(api.calls).toHaveLength(2);
  });

  test("Ctrl+C aborts the request, prints ^C, drops the type-ahead and gives the prompt back at once", async () => {
    const { type, api, screen, settle, editor } = setup();
    await type("sleep 30\r");
    const call = await api.call(0);
    await type("junk\x03");
    expect(call.signal.aborted).toBe(true);
    expect(screen.lines()).toEqual([
      `${prompt()}sleep 30`,
      "^C",
      "[stopped waiting: the command may run on in the sandbox for up to 30 s]",
      prompt(),
    ]);
    expect(editor.line).toBe("");
    await type("echo next\r");
    const next = await api.call(1);
    expect(next.request.command).toBe("echo next");
    // The cancelled answer arriving late changes nothing.
    call.resolve({ stdout: "late\n" });
    next.resolve({ stdout: "next\n" });
    await settle();
    expect(screen.lines()).toEqual([
      `${prompt()}sleep 30`,
      "^C",
      "[stopped waiting: the command may run on in the sandbox for up to 30 s]",
      `${prompt()}echo next`,
      "next",
      prompt(),
    ]);
  });

  test("Ctrl+C while a large answer is being written stops the writing", async () => {
    const { type, api, screen, settle, editor } = setup({ chunkSize: 1000 });
    let writes = 0;
    const original = screen.write;
    await type("flood\r");
    (await api.call(0)).resolve({ stdout: "w\n".repeat(100_000) });
    // Interrupt once the first piece is on its way.
    await vi.waitFor(() => {
      writes = screen.written.filter((w) => w.startsWith("w")).length;
      expect(writes).toBeGreaterThan(0);
    });
    editor.input("\x03");
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await screen.flush();
    expect(screen.written.filter((w) => w.startsWith("w")).length).toBeLessThan(200);
    expect(screen.lines().slice(-3)).toEqual(["^C", "[stopped waiting: the command may run on in the sandbox for up to 30 s]", prompt()]);
    expect(original).toBe(screen.write);
  });

  test("the command bar runs a command as if typed, only when the prompt is there", async () => {
    const { api, screen, settle, editor } = setup();
    expect(editor.submit("ls -la")).toBe(true);
    expect(editor.submit("second")).toBe(false);
    (await api.call(0)).resolve({ stdout: "total 0\n" });
    await settle();
    expect(screen.lines()).toEqual([`${prompt()}ls -la`, "total 0", prompt()]);
    expect(editor.history.entries).toEqual(["ls -la"]);
  });
});

describe("paste", () => {
  const paste = (text: string) => `\x1b[200~${text}\x1b[201~`;

  test("the terminal is asked for bracketed paste from the start", async () => {
    const { screen } = setup();
    await screen.flush();
    expect(screen.term.modes.bracketedPasteMode).toBe(true);
  });

  test("a one-line paste is typed in at the cursor", async () => {
    const { type, editor, api } = setup();
    await type("echo  end\x1b[D\x1b[D\x1b[D\x1b[D");
    await type(paste("middle"));
    expect(editor.line).toBe("echo middle end");
    expect(api.calls).toHaveLength(0);
  });

  test("a multi-line paste becomes one command, sent when Enter is pressed", async () => {
    const { type, editor, api, screen } = setup();
    await type(paste("echo one\r\necho two\necho three"));
    expect(editor.line).toBe("echo one\necho two\necho three");
    expect(screen.lines()).toEqual([`${prompt()}echo one`, "> echo two", "> echo three"]);
    expect(api.calls).toHaveLength(0);
    await type("\r");
    expect((await api.call(0)).request.command).toBe("echo one\necho two\necho three");
  });

  test("a paste with a trailing newline runs at once", async () => {
    const { type, api } = setup();
    await type(paste("echo a\necho b\n"));
    expect((await api.call(0)).request.command).toBe("echo a\necho b");
  });

  test("over 20 lines asks first: y pastes, anything else does not", async () => {
    const { type, editor, screen, api } = setup();
    const lines = Array.from({ length: 21 }, (_, i) => `echo ${i}`).join("\n");
    await type("pre ");
    await type(paste(lines));
    expect(screen.lines().at(-1)).toBe("Paste 21 lines as one command? [y/N] ");
    expect(editor.line).toBe("pre ");
    await type("n");
    expect(editor.line).toBe("pre ");
    expect(screen.lines().at(-1)).toBe(`${prompt()}pre `);
    await type(paste(`${lines}\n`));
    await type("y");
    expect((await api.call(0)).request.command).toBe(`pre ${lines}`);
  });

  test("a paste that would pass the command limit is refused with a message and nothing is sent", async () => {
    const { type, editor, screen, api } = setup();
    await type("echo ");
    await type(paste(`${"x".repeat(9_346)}\n`));
    expect(screen.lines().slice(-2)).toEqual([
      "Paste refused: the command would be 9,351 characters; the limit is 9,350.",
      `${prompt()}echo `,
    ]);
    expect(editor.line).toBe("echo ");
    expect(api.calls).toHaveLength(0);
  });

  test("a typed line over the limit, counted in characters as the orchestrator counts them, is refused on Enter and kept", async () => {
    const { type, editor, screen, api } = setup();
    // An emoji is one character to the orchestrator (two UTF-16 units here).
    await type(paste("🎉".repeat(9_350)));
    await type("z\r");
    expect(api.calls).toHaveLength(0);
    expect(screen.logicalLines()).toContain("The command is 9,351 characters; the limit is 9,350. Shorten it and press Enter again.");
    await type("\x7f\r");
    expect((await api.call(0)).request.command).toBe("🎉".repeat(9_350));
    expect(editor.line).toBe("");
  });

  test("without bracketed paste, pasted lines run one by one like typed ones", async () => {
    const { type, api } = setup();
    await type("echo a\recho b\r");
    (await api.call(0)).resolve({});
    // The second line runs as soon as the first is answered (the editor stays busy: no settle()).
    expect((await api.call(1)).request.command).toBe("echo b");
  });
});

describe("history", () => {
  test("Up and Down recall commands and keep the line being typed as a draft", async () => {
    const { type, api, settle, editor, screen } = setup();
    for (const [i, command] of ["first", "second"].entries()) {
      await type(`${command}\r`);
      (await api.call(i)).resolve({});
      await settle();
    }
    await type("dra");
    await type("\x1b[A");
    expect(editor.line).toBe("second");
    expect(screen.lines().at(-1)).toBe(`${prompt()}second`);
    await type("\x1bOA\x1bOA");
    expect(editor.line).toBe("first");
    await type("\x1b[B\x1bOB");
    expect(editor.line).toBe("dra");
    expect(screen.lines().at(-1)).toBe(`${prompt()}dra`);
  });

  test("history is kept per sandbox in the storage given", async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    await first.type("ls\r");
    (await first.api.call(0)).resolve({});
    await first.settle();
    const again = setup({ storage });
    await again.type("\x1b[A");
    expect(again.editor.line).toBe("ls");
    const other = setup({ storage, sandboxId: "99999999-aaaa-4bbb-8ccc-1234567890ab" });
    await other.type("\x1b[A");
    expect(other.editor.line).toBe("");
  });
});

describe("errors", () => {
  const fail = (code: SandboxApiProblem["code"], message: string, details?: unknown, retry?: number) =>
    new SandboxApiError(400, { code, message, details } as SandboxApiProblem, retry);

  test.each([
    ["conflict", fail("conflict", "x", { status: "stopped" }), "The sandbox is not running (it is stopped), so it cannot run commands."],
    [
      "orchestrator_unavailable",
      fail("orchestrator_unavailable", "The sandbox service stopped answering while your command ran: its output is lost."),
      "The sandbox service stopped answering while your command ran: its output is lost.",
    ],
    [
      "orchestrator_timeout",
      fail("orchestrator_timeout", "The sandbox service did not answer within 50 s."),
      "The sandbox service did not answer within 50 s.",
    ],
    [
      "network",
      fail("network", "x"),
      "Network error: the dashboard's server could not be reached. Retry the last command with Up then Enter.",
    ],
    ["another code shows the server's message", fail("unauthorized", "Sign in again."), "Sign in again."],
  ])("%s prints one line and the prompt returns", async (_name, error, line) => {
    const { type, api, screen, settle, editor } = setup();
    await type("ls\r");
    (await api.call(0)).reject(error);
    await settle();
    expect(screen.logicalLines()).toEqual([`${prompt()}ls`, line, prompt()]);
    await type("\x1b[A");
    expect(editor.line).toBe("ls");
  });

  test("rate_limited says when, and the prompt waits that long, keeping what is typed", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { editor, api, screen } = setup();
    // xterm parses on timers too: let them run without moving the clock.
    const flush = async () => {
      const done = screen.flush();
      await vi.advanceTimersByTimeAsync(0);
      await done;
    };
    editor.input("ls\r");
    const call = await api.call(0);
    call.reject(fail("rate_limited", "Too many commands in a short time; wait a moment.", undefined, 3));
    await vi.advanceTimersByTimeAsync(10);
    editor.input("pw");
    await vi.advanceTimersByTimeAsync(2_900);
    await flush();
    expect(screen.logicalLines().at(-1)).toBe(
      "Too many commands: Too many commands in a short time; wait a moment. The prompt returns in 3 s.",
    );
    expect(editor.state.mode).toBe("waiting");
    await vi.advanceTimersByTimeAsync(200);
    await flush();
    expect(screen.lines().at(-1)).toBe(`${prompt()}pw`);
  });

  test("gone hands the row to the page, says the sandbox stopped and turns input off", async () => {
    const gone = vi.fn();
    const { type, api, screen, settle, editor } = setup({ onSandboxGone: gone });
    await type("ls\r");
    const instance = { id: "x", status: "stopped", stop_reason: "error" };
    (await api.call(0)).reject(fail("gone", "gone", { instance }));
    await settle();
    expect(gone).toHaveBeenCalledWith(instance);
    expect(screen.lines()).toEqual([
      `${prompt()}ls`,
      "The sandbox no longer exists on the orchestrator; it is now marked stopped.",
      "[the sandbox is stopped: an error in the sandbox service]",
    ]);
    expect(editor.state.mode).toBe("off");
    await type("echo\r");
    expect(api.calls).toHaveLength(1);
  });
});

describe("the sandbox's status", () => {
  test("input is off with the reason while it cannot run commands, and comes alive when it is ready", async () => {
    const { type, screen, editor, api } = setup({ availability: { status: "starting", stopReason: null } });
    await type("ls\r");
    expect(api.calls).toHaveLength(0);
    expect(screen.lines()).toEqual(["[input off: the sandbox is starting; the prompt appears when it is ready]"]);
    editor.setAvailability(ready);
    await type("ls");
    expect(screen.lines().at(-1)).toBe(`${prompt()}ls`);
  });

  test("an ended sandbox says why input is off, once per visit (the line is not kept in the transcript)", async () => {
    const storage = memoryStorage();
    const stopped = { status: "stopped", stopReason: "user_requested" } as const;
    const { screen } = setup({ availability: stopped, storage });
    await screen.flush();
    expect(screen.lines()).toEqual(["[input off: the sandbox is stopped (stopped by you)]"]);
    const again = setup({ availability: stopped, storage });
    await again.screen.flush();
    expect(again.screen.lines()).toEqual(["[input off: the sandbox is stopped (stopped by you)]"]);
  });

  test("a sandbox that ends while open says why in words and refuses input", async () => {
    const { type, screen, editor, api } = setup();
    await type("half");
    editor.setAvailability({ status: "expired", stopReason: "expired" });
    await type("more\r");
    expect(screen.lines()).toEqual([`${prompt()}half`, "[the sandbox is expired: its lifetime ran out]"]);
    expect(api.calls).toHaveLength(0);
  });

  test("ending while a command runs is said after its answer, with no prompt", async () => {
    const { type, screen, editor, api, settle } = setup();
    await type("sleep 1\r");
    editor.setAvailability({ status: "shutting_down", stopReason: null });
    editor.setAvailability({ status: "stopped", stopReason: "user_requested" });
    (await api.call(0)).resolve({ stdout: "done\n" });
    await settle();
    expect(screen.lines()).toEqual([`${prompt()}sleep 1`, "done", "[the sandbox is stopped: stopped by you]"]);
  });
});

describe("the session after a reload", () => {
  test("transcript, history and cwd come back", async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    await first.type("cd /tmp\r");
    (await first.api.call(0)).resolve({ cwd: "/tmp", stdout: "ok\n" });
    await first.settle();
    const second = setup({ storage });
    await second.screen.flush();
    expect(second.screen.lines()).toEqual([`${prompt()}cd /tmp`, "ok", prompt("/tmp")]);
    await second.type("\x1b[A");
    expect(second.editor.line).toBe("cd /tmp");
    await second.type("\x15pwd\r");
    expect((await second.api.call(0)).request.cwd).toBe("/tmp");
  });

  test("the kept transcript is capped, and clearing empties it", async () => {
    const storage = memoryStorage();
    const first = setup({ storage, transcriptLimit: 2_000 });
    await first.type("big\r");
    (await first.api.call(0)).resolve({ stdout: Array.from({ length: 500 }, (_, i) => `line ${i}\n`).join("") });
    await first.settle();
    const kept = [...storage.map.entries()].find(([key]) => key.endsWith(":transcript"))![1];
    expect(kept.length).toBeLessThanOrEqual(2_000);
    const second = setup({ storage, transcriptLimit: 2_000 });
    await second.screen.flush();
    expect(second.screen.lines()[0]).toBe("[earlier output not kept]");
    expect(second.screen.lines().slice(-2)).toEqual(["line 499", prompt()]);
    expect(second.editor.plainTranscript()).toContain("line 499\n");
    second.editor.clear();
    await second.screen.flush();
    expect(second.screen.lines()).toEqual([prompt()]);
    const third = setup({ storage });
    await third.screen.flush();
    expect(third.screen.lines()).toEqual([prompt()]);
  });
});
