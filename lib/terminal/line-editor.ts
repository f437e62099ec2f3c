import { canExec, isEnded, type SandboxStatus } from "@/lib/sandbox/status";
import type { ExecResponse, SandboxInstance } from "@/lib/sandbox/types";
import { codePointLength } from "@/lib/sandbox/code-point-length";
import { execTimeoutLimits, maxCommandLength } from "@/lib/sandbox/request-limits";
import { statusWords, stopReasonText } from "@/lib/sandbox/format";
import { clampCsiCounts } from "./clamp-csi-counts";
import { describeExecError } from "./exec-error";
import { exitStatusText } from "./exit-status-text";
import { CommandHistory } from "./history";
import { KeyParser, type KeyAction, type KeyToken } from "./key-parser";
import { advance, advanceGrapheme, displayOf, layoutLine, moveCursor, settle, splitGraphemes, type CellPosition } from "./line-layout";
import { chunkText, dropScrolledOff, endsAtLineStart, modeReset, styleStderr, toPlainText, toTerminalLineEndings } from "./output";
import { formatPrompt, homeDirectory, type Prompt } from "./prompt";
import { capTranscript, defaultTranscriptLimit, TerminalSessionStore, type KeyValueStorage } from "./session-store";

export const pasteConfirmLines = 20;

export interface ExecRequest {
  command: string;
  timeout: number;
  cwd: string | null;
}

/** Where the editor's writes go: the xterm in the panel, a recorder in tests. */
export interface TerminalOutput {
  /** Resolves once the terminal has taken the data in, so large output can be paced. */
  write(data: string): void | Promise<void>;
  /** Called just before a prompt is written: the terminal's cursor will be at the prompt's first cell. */
  promptStart?(): void;
}

export type EditorMode = "off" | "idle" | "busy" | "waiting" | "confirm";

export interface EditorState {
  mode: EditorMode;
  /** The command running (busy), else null. */
  command: string | null;
  startedAt: number | null;
  /** When a rate-limited prompt comes back (waiting), else null. */
  waitUntil: number | null;
  timeoutSeconds: number;
}

export interface SandboxAvailability {
  status: SandboxStatus;
  stopReason: string | null;
}

export interface LineEditorOptions {
  /** The sandbox row's id: names the session's storage. */
  sandboxId: string;
  /** The sandbox's id as the page shows it (`sandbox_id`, the orchestrator's): the prompt's host. */
  name: string;
  /** The sandbox's home (its `hot_path`), shown as `~`; `/home/agent` when not given. */
  home?: string;
  cols: number;
  output: TerminalOutput;
  exec(request: ExecRequest, signal: AbortSignal): Promise<ExecResponse>;
  storage?: KeyValueStorage | null;
  onStateChange?(state: EditorState): void;
  /** The server said the sandbox no longer exists and sent its updated row. */
  onSandboxGone?(instance: SandboxInstance): void;
  historyLimit?: number;
  transcriptLimit?: number;
  /** Largest piece of output written at once (UTF-16 units). */
  chunkSize?: number;
  /** Rows the terminal keeps (screen and scrollback): output that would scroll past them all is not written. */
  keptRows?(): number;
}

interface Run {
  command: string;
  controller: AbortController;
  startedAt: number;
  timeout: number;
  /** Whether the output written so far ended a line (so ^C starts one of its own). */
  atLineStart: boolean;
}

const style = {
  error: (text: string) => `\x1b[31m${text}\x1b[0m\r\n`,
  note: (text: string) => `\x1b[33m${text}\x1b[0m\r\n`,
  dim: (text: string) => `\x1b[2m${text}\x1b[0m\r\n`,
};

const clearScreen = "\x1b[H\x1b[2J\x1b[3J";
const bracketedPasteOn = "\x1b[?2004h";
const chunksInFlight = 8;
const isWordChar = (grapheme: string) => /^[\p{L}\p{N}_]/u.test(grapheme);
const isSpace = (grapheme: string) => /^\s/u.test(grapheme);

/**
 * The browser's side of a shell: exec is one request per command, so line editing, history,
 * paste, cancelling and output pacing happen here. Keys in (`input`), terminal writes and exec
 * requests out; no DOM.
 */
export class LineEditor {
  private cols: number;
  private readonly parser = new KeyParser();
  private readonly store: TerminalSessionStore;
  readonly history: CommandHistory;
  private cwd: string | null;
  private timeoutSeconds: number;
  private transcript: string;

  private mode: EditorMode = "off";
  private availability: SandboxAvailability | null = null;
  /** Said when the prompt would come back, if the sandbox stopped while a command ran. */
  private deferredNotice: string | null = null;

  private prompt: Prompt;
  private graphemes: string[] = [];
  private cursor = 0;
  /** Where the prompt's text ends, relative to its first cell. */
  private afterPrompt: CellPosition = { row: 0, col: 0 };
  /** Where the terminal's cursor is, relative to the prompt's first cell. */
  private screen: CellPosition = { row: 0, col: 0 };

  private run: Run | null = null;
  private pending: KeyToken[] = [];
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  private waitUntil: number | null = null;
  private confirm: { text: string; runNow: boolean } | null = null;
  private disposed = false;

  constructor(private readonly options: LineEditorOptions) {
    this.cols = Math.max(1, options.cols);
    this.store = new TerminalSessionStore(options.storage ?? null, options.sandboxId);
    this.history = new CommandHistory(this.store.loadHistory(), options.historyLimit);
    this.cwd = this.store.loadCwd();
    this.timeoutSeconds = clampTimeout(this.store.loadTimeout() ?? execTimeoutLimits.default);
    this.transcript = this.store.loadTranscript();
    this.prompt = formatPrompt(options.name, this.cwd, options.home);
  }

  get state(): EditorState {
    return {
      mode: this.mode,
      command: this.run?.command ?? null,
      startedAt: this.run?.startedAt ?? null,
      waitUntil: this.waitUntil,
      timeoutSeconds: this.timeoutSeconds,
    };
  }

  /** The line being typed. */
  get line(): string {
    return this.graphemes.join("");
  }

  get workingDirectory(): string | null {
    return this.cwd;
  }

  /** Writes the kept transcript back, then the prompt or the reason there is none. */
  start(availability: SandboxAvailability) {
    // Bracketed paste: a pasted block arrives marked, so its newlines do not each run a command.
    this.write(bracketedPasteOn);
    if (this.transcript) {
      // A reload in the middle of an answer leaves it unfinished: close it before the prompt.
      this.write(this.transcript + (endsAtLineStart(this.transcript) ? "" : modeReset + "\r\n"));
    }
    this.setAvailability(availability);
  }

  dispose() {
    this.disposed = true;
    this.run?.controller.abort();
    this.run = null;
    if (this.waitTimer) clearTimeout(this.waitTimer);
  }

  /** Data from the terminal (keys, pastes). */
  input(data: string) {
    this.dispatch(this.parser.feed(data));
  }

  /** Runs a command from the command bar as if it had been typed; false when the prompt is not there. */
  submit(command: string): boolean {
    if (this.mode !== "idle") return false;
    this.setLine(splitGraphemes(command), Infinity);
    this.enter();
    return true;
  }

  /** Ctrl+C from outside the terminal (the command bar's stop button). */
  interrupt() {
    this.dispatch([{ type: "key", action: "interrupt", raw: "\x03" }]);
  }

  setTimeoutSeconds(seconds: number) {
    this.timeoutSeconds = clampTimeout(seconds);
    this.store.saveTimeout(this.timeoutSeconds);
    this.emitState();
  }

  /** The terminal is now `cols` wide. `cursor`: where xterm put the cursor after reflowing, relative to the prompt. */
  resize(cols: number, cursor?: CellPosition) {
    if (cols === this.cols || cols < 1) return;
    this.cols = cols;
    if (this.mode !== "idle") return;
    if (cursor) {
      this.screen = cursor;
      this.write(moveCursor(this.screen, { row: 0, col: 0 }) + "\x1b[J");
      this.screen = { row: 0, col: 0 };
    } else {
      this.write("\r\n");
    }
    this.showPrompt();
  }

  /** Clears the screen and the kept transcript; the line being typed stays. */
  clear() {
    this.transcript = "";
    this.store.saveTranscript("");
    this.write(clearScreen);
    if (this.mode === "idle") this.showPrompt();
    else if (this.mode === "off" && this.availability) this.write(style.dim(this.offReason(this.availability)));
  }

  /** The transcript as plain text (download, copy all), with the line being typed. */
  plainTranscript(): string {
    const current = this.mode === "idle" ? this.prompt.plain + this.graphemes.map(displayOf).join("") : "";
    return toPlainText(this.transcript + current);
  }

  /** The sandbox's status changed (or is first known). */
  setAvailability(next: SandboxAvailability) {
    const previous = this.availability;
    this.availability = next;
    const live = canExec(next.status);
    if (previous === null) {
      if (live) this.goIdle();
      // A status line, not history: not kept, or each visit would add one.
      else this.write(style.dim(this.offReason(next)));
      return;
    }
    const wasLive = canExec(previous.status);
    if (live && !wasLive) {
      if (this.mode === "off") this.goIdle();
      return;
    }
    if (live || previous.status === next.status) return;
    const notice = isEnded(next.status)
      ? `[the sandbox is ${next.status}${next.stopReason ? `: ${stopReasonText(next.stopReason)}` : ""}]`
      : wasLive
        ? `[sandbox ${statusWords(next.status)}: input is off]`
        : null;
    if (this.mode === "busy") {
      // The running command ends on its own (its answer or an error); say it then.
      this.deferredNotice = notice;
      return;
    }
    if (this.mode !== "off") this.leavePrompt();
    if (notice) this.notice(notice);
  }

  // ---- keys ----

  private dispatch(tokens: KeyToken[]) {
    for (let i = 0; i < tokens.length; i++) {
      if (this.disposed) return;
      const token = tokens[i]!;
      switch (this.mode) {
        case "off":
          break;
        case "busy":
        case "waiting":
          if (token.type === "key" && token.action === "interrupt") this.cancel();
          else this.pending.push(token);
          break;
        case "confirm":
          this.answerConfirm(token.type === "text" && /^y/i.test(token.text));
          break;
        case "idle":
          if (token.type === "text") this.insert(token.text);
          else if (token.type === "paste") this.paste(token.text);
          else this.key(token.action);
          break;
      }
    }
  }

  private key(action: KeyAction) {
    const n = this.graphemes.length;
    const c = this.cursor;
    switch (action) {
      case "enter":
        return this.enter();
      case "left":
        return this.moveTo(c - 1);
      case "right":
        return this.moveTo(c + 1);
      case "home":
        return this.moveTo(0);
      case "end":
        return this.moveTo(n);
      case "wordLeft":
        return this.moveTo(this.wordStartBefore(c, isWordChar));
      case "wordRight":
        return this.moveTo(this.wordEndAfter(c, isWordChar));
      case "backspace":
        return c > 0 ? this.replace(c - 1, c, "") : undefined;
      case "delete":
      case "deleteOrEof":
        return c < n ? this.replace(c, c + 1, "") : undefined;
      case "killToStart":
        return this.replace(0, c, "");
      case "killToEnd":
        return this.replace(c, n, "");
      case "killWordBefore":
        return this.replace(
          this.wordStartBefore(c, (g) => !isSpace(g)),
          c,
          "",
        );
      case "killWordAfter":
        return this.replace(c, this.wordEndAfter(c, isWordChar), "");
      case "up": {
        const entry = this.history.previous(this.line);
        return entry === null ? undefined : this.setLine(splitGraphemes(entry), Infinity);
      }
      case "down": {
        const entry = this.history.next();
        return entry === null ? undefined : this.setLine(splitGraphemes(entry), Infinity);
      }
      case "interrupt":
        this.write(this.moveToEnd() + "^C\r\n");
        this.commit(this.prompt.styled + this.renderedLine() + "^C\r\n");
        this.graphemes = [];
        this.cursor = 0;
        this.history.reset();
        return this.showPrompt();
      case "clearScreen":
        return this.clear();
      case "tab":
        return;
    }
  }

  private wordStartBefore(from: number, inWord: (g: string) => boolean): number {
    let i = from;
    while (i > 0 && !inWord(this.graphemes[i - 1]!)) i--;
    while (i > 0 && inWord(this.graphemes[i - 1]!)) i--;
    return i;
  }

  private wordEndAfter(from: number, inWord: (g: string) => boolean): number {
    const n = this.graphemes.length;
    let i = from;
    while (i < n && !inWord(this.graphemes[i]!)) i++;
    while (i < n && inWord(this.graphemes[i]!)) i++;
    return i;
  }

  private insert(text: string) {
    this.replace(this.cursor, this.cursor, text);
  }

  /** Replaces graphemes `from`..`to` with `text`, leaving the cursor after it. */
  private replace(from: number, to: number, text: string) {
    const before = this.graphemes.slice(0, from).join("") + text;
    const next = splitGraphemes(before + this.graphemes.slice(to).join(""));
    // Re-split the whole line: an accent typed after a letter joins it.
    this.setLine(next, splitGraphemes(before).length);
  }

  private setLine(next: string[], cursor: number) {
    const previous = this.graphemes;
    let first = 0;
    while (first < previous.length && first < next.length && previous[first] === next[first]) first++;
    this.graphemes = next;
    this.cursor = Math.min(cursor, next.length);
    this.render(first);
  }

  // ---- drawing ----

  private positions(): CellPosition[] {
    return layoutLine(this.afterPrompt, this.graphemes, this.cols);
  }

  /** Redraws the line from grapheme `from` on (what precedes it has not moved) and puts the cursor back. */
  private render(from: number) {
    const positions = this.positions();
    let position = settle(positions[from]!, this.cols);
    let out = moveCursor(this.screen, position) + "\x1b[J";
    for (let i = from; i < this.graphemes.length; i++) {
      const grapheme = this.graphemes[i]!;
      if (grapheme === "\n" && position.col >= this.cols) {
        out += "\r\n";
        position = settle(position, this.cols);
      }
      out += displayOf(grapheme);
      position = advanceGrapheme(position, grapheme, this.cols);
    }
    // A line that ends in the last column leaves xterm's wrap pending; take the cursor down so
    // that relative moves start from where the editor thinks they do.
    if (position.col >= this.cols) out += "\r\n";
    this.screen = settle(position, this.cols);
    const target = settle(positions[this.cursor]!, this.cols);
    out += moveCursor(this.screen, target);
    this.screen = target;
    this.write(out);
  }

  private moveTo(index: number) {
    const target = Math.max(0, Math.min(index, this.graphemes.length));
    if (target === this.cursor) return;
    this.cursor = target;
    const position = settle(this.positions()[target]!, this.cols);
    this.write(moveCursor(this.screen, position));
    this.screen = position;
  }

  /** Cursor moves to the end of the typed line (before leaving it). */
  private moveToEnd(): string {
    const end = settle(this.positions()[this.graphemes.length]!, this.cols);
    const out = moveCursor(this.screen, end);
    this.screen = end;
    return out;
  }

  private renderedLine() {
    return this.graphemes.map(displayOf).join("");
  }

  private showPrompt() {
    this.prompt = formatPrompt(this.options.name, this.cwd, this.options.home);
    this.options.output.promptStart?.();
    this.afterPrompt = advance({ row: 0, col: 0 }, this.prompt.plain, this.cols);
    this.screen = settle(this.afterPrompt, this.cols);
    this.write(this.prompt.styled + (this.afterPrompt.col >= this.cols ? "\r\n" : ""));
    if (this.graphemes.length > 0) this.render(0);
  }

  /** Ends the prompt's line on screen and in the transcript, keeping nothing typed. */
  private leavePrompt() {
    if (this.mode === "idle") {
      this.write(this.moveToEnd() + "\r\n");
      this.commit(this.prompt.styled + this.renderedLine() + "\r\n");
    } else if (this.mode === "confirm") {
      this.write("\r\n");
    }
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.waitUntil = null;
    this.confirm = null;
    this.graphemes = [];
    this.cursor = 0;
    this.pending = [];
    this.setMode("off");
  }

  /** A line of its own below whatever is on screen, kept in the transcript. */
  private notice(text: string, format = style.dim) {
    const line = format(text);
    this.write(line);
    this.commit(line);
    this.store.saveTranscript(this.transcript);
  }

  /** A message while the prompt is up: said below the line, then the prompt and line drawn again. */
  private sayAtPrompt(text: string) {
    this.write(this.moveToEnd() + "\r\n");
    this.notice(text, style.error);
    this.showPrompt();
  }

  private write(data: string) {
    if (!this.disposed && data) void this.options.output.write(data);
  }

  private commit(data: string) {
    this.transcript = capTranscript(this.transcript + data, this.options.transcriptLimit ?? defaultTranscriptLimit);
  }

  // ---- paste ----

  private paste(raw: string) {
    // Newlines as bash reads them; other control characters (escapes) are not pasted.
    let text = raw.replace(/\r\n?/g, "\n").replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, "");
    const runNow = text.endsWith("\n");
    text = text.replace(/\n+$/, "");
    if (text === "") return runNow ? this.enter() : undefined;
    const length = codePointLength(this.line) + codePointLength(text);
    if (length > maxCommandLength) {
      return this.sayAtPrompt(
        `Paste refused: the command would be ${length.toLocaleString("en-US")} characters; the limit is ${maxCommandLength.toLocaleString("en-US")}.`,
      );
    }
    const lines = text.split("\n").length;
    if (lines > pasteConfirmLines) {
      this.confirm = { text, runNow };
      this.write(this.moveToEnd() + `\r\nPaste ${lines} lines as one command? [y/N] `);
      return this.setMode("confirm");
    }
    this.insert(text);
    if (runNow) this.enter();
  }

  private answerConfirm(yes: boolean) {
    const confirm = this.confirm;
    this.confirm = null;
    this.write(yes ? "y\r\n" : "n\r\n");
    this.setMode("idle");
    this.showPrompt();
    if (yes && confirm) {
      this.insert(confirm.text);
      if (confirm.runNow) this.enter();
    }
  }

  // ---- running ----

  private enter() {
    const command = this.line;
    this.write(this.moveToEnd() + "\r\n");
    this.commit(this.prompt.styled + this.renderedLine() + "\r\n");
    if (command.trim() === "") {
      this.graphemes = [];
      this.cursor = 0;
      this.history.reset();
      this.store.saveTranscript(this.transcript);
      return this.showPrompt();
    }
    if (codePointLength(command) > maxCommandLength) {
      this.notice(
        `The command is ${codePointLength(command).toLocaleString("en-US")} characters; the limit is ${maxCommandLength.toLocaleString("en-US")}. Shorten it and press Enter again.`,
        style.error,
      );
      return this.showPrompt();
    }
    this.graphemes = [];
    this.cursor = 0;
    this.history.add(command);
    this.store.saveHistory(this.history.entries);
    void this.execute(command);
  }

  private async execute(command: string) {
    const run: Run = { command, controller: new AbortController(), startedAt: Date.now(), timeout: this.timeoutSeconds, atLineStart: true };
    this.run = run;
    this.setMode("busy");
    let response: ExecResponse;
    try {
      // A new session starts at home, where its prompt says it is (not wherever another tab left the server's cwd).
      response = await this.options.exec(
        { command, timeout: run.timeout, cwd: this.cwd ?? this.options.home ?? homeDirectory },
        run.controller.signal,
      );
    } catch (error) {
      if (this.run !== run) return;
      this.failed(error);
      return;
    }
    if (this.run !== run) return;
    await this.showOutput(run, response);
    if (this.run !== run) return;
    this.cwd = response.cwd || this.cwd;
    this.store.saveCwd(this.cwd);
    this.finishRun();
  }

  private async showOutput(run: Run, response: ExecResponse) {
    // The server caps the output (ExecResponse.truncated, with a notice in each cut stream).
    const { stdout, stderr } = response;
    const text = clampCsiCounts(toTerminalLineEndings(stdout) + (stderr ? styleStderr(toTerminalLineEndings(stderr)) : ""));
    // Lines that would only scroll through the terminal and out of its scrollback cost xterm as much
    // as the ones it keeps: skip them (the transcript still gets them).
    const { dropped, shown } = this.options.keptRows
      ? dropScrolledOff(text, this.options.keptRows(), this.cols)
      : { dropped: "", shown: text };
    this.commit(dropped);
    // A few pieces in flight at a time: xterm parses them back to back in short slices (the page
    // keeps answering), and Ctrl+C stops the rest.
    const inFlight: Promise<void>[] = [];
    for (const chunk of chunkText(shown, this.options.chunkSize ?? 32 * 1024)) {
      this.commit(chunk);
      run.atLineStart = endsAtLineStart(chunk);
      inFlight.push(Promise.resolve(this.options.output.write(chunk)));
      if (inFlight.length >= chunksInFlight) await inFlight.shift();
      if (this.run !== run || this.disposed) return;
    }
    await Promise.all(inFlight);
    if (this.run !== run || this.disposed) return;
    let tail = modeReset + (endsAtLineStart(text) ? "" : "\r\n");
    if (response.exit_code !== 0 || response.timed_out) {
      tail += style.note(exitStatusText(response.exit_code, response.timed_out === true, run.timeout));
    }
    this.commit(tail);
    await this.options.output.write(tail);
  }

  private failed(error: unknown) {
    const report = describeExecError(error);
    this.notice(report.line, style.error);
    if (report.instance) {
      const { status, stop_reason } = report.instance;
      this.setAvailability({ status, stopReason: stop_reason });
      this.options.onSandboxGone?.(report.instance);
    }
    if (report.waitSeconds && this.availability && canExec(this.availability.status)) {
      this.run = null;
      this.waitUntil = Date.now() + report.waitSeconds * 1000;
      this.waitTimer = setTimeout(() => {
        this.waitTimer = null;
        this.waitUntil = null;
        this.finishRun();
      }, report.waitSeconds * 1000);
      this.setMode("waiting");
      return;
    }
    this.finishRun();
  }

  /**
   * Ctrl+C while a command runs or while the prompt waits. The request is aborted; an orchestrator
   * may go on running the command (production does), so the note says how long it can still run.
   */
  private cancel() {
    const run = this.run;
    const atLineStart = run?.atLineStart ?? true;
    run?.controller.abort();
    this.run = null;
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.waitUntil = null;
    // Like a tty, Ctrl+C drops what was typed ahead.
    this.pending = [];
    let line = modeReset + (atLineStart ? "" : "\r\n") + "^C\r\n";
    if (run) {
      const left = Math.max(1, Math.ceil(run.timeout - (Date.now() - run.startedAt) / 1000));
      line += style.note(`[stopped waiting: the command may run on in the sandbox for up to ${left} s]`);
    }
    this.write(line);
    this.commit(line);
    this.finishRun();
  }

  private finishRun() {
    this.run = null;
    this.store.saveTranscript(this.transcript);
    const notice = this.deferredNotice;
    this.deferredNotice = null;
    if (!this.availability || !canExec(this.availability.status)) {
      this.pending = [];
      this.setMode("off");
      if (notice) this.notice(notice);
      return;
    }
    this.goIdle();
  }

  private goIdle() {
    this.setMode("idle");
    this.showPrompt();
    const typedAhead = this.pending;
    this.pending = [];
    this.dispatch(typedAhead);
  }

  private offReason(availability: SandboxAvailability) {
    const { status, stopReason } = availability;
    if (isEnded(status)) return `[input off: the sandbox is ${status}${stopReason ? ` (${stopReasonText(stopReason)})` : ""}]`;
    return `[input off: the sandbox is ${statusWords(status)}; the prompt appears when it is ready]`;
  }

  private setMode(mode: EditorMode) {
    this.mode = mode;
    this.emitState();
  }

  private emitState() {
    this.options.onStateChange?.(this.state);
  }
}

function clampTimeout(seconds: number): number {
  if (!Number.isFinite(seconds)) return execTimeoutLimits.default;
  return Math.min(execTimeoutLimits.max, Math.max(execTimeoutLimits.min, Math.round(seconds)));
}
