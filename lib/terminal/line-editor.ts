import type { ExecResponse, SandboxInstance } from "@/lib/sandbox/types";
import { describeExecError } from "./exec-error";
import { KeyParser, type KeyAction, type KeyToken } from "./key-parser";
import { LineBuffer } from "./line-buffer";
import { advance, advanceGrapheme, displayOf, layoutLine, moveCursor, settle, type CellPosition } from "./line-layout";
import { lineStyle, OutputWriter, type AnswerRun, type TerminalOutput } from "./output-writer";
import type { Prompt } from "./prompt";
import { SandboxSession, type ExecRequest, type SandboxAvailability } from "./sandbox-session";
import type { KeyValueStorage } from "./session-store";

export type { ExecRequest, SandboxAvailability } from "./sandbox-session";

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

interface Run extends AnswerRun {
  command: string;
  controller: AbortController;
  startedAt: number;
}

/**
 * The browser's side of a shell: exec is one request per command, so line editing, history,
 * paste, cancelling and output pacing happen here. Keys in (`input`), terminal writes and exec
 * requests out; no DOM. The editor keeps the modes (prompt up, command running, waiting out a rate
 * limit, asking before a paste) and draws the line; the typed line is a `LineBuffer`, what is
 * written goes through an `OutputWriter`, and what the sandbox allows and says is its `SandboxSession`.
 */
export class LineEditor {
  private cols: number;
  private readonly parser = new KeyParser();
  private readonly session: SandboxSession;
  private readonly writer: OutputWriter;
  private readonly buffer = new LineBuffer();

  private mode: EditorMode = "off";
  /** Said when the prompt would come back, if the sandbox stopped while a command ran. */
  private deferredNotice: string | null = null;

  private prompt: Prompt;
  /** Where the prompt's text ends, relative to its first cell. */
  private afterPrompt: CellPosition = { row: 0, col: 0 };
  /** Where the terminal's cursor is, relative to the prompt's first cell. */
  private screen: CellPosition = { row: 0, col: 0 };

  private run: Run | null = null;
  private pending: KeyToken[] = [];
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  private waitUntil: number | null = null;
  private confirm: { text: string; runNow: boolean } | null = null;

  constructor(private readonly options: LineEditorOptions) {
    this.cols = Math.max(1, options.cols);
    this.session = new SandboxSession(options);
    this.writer = new OutputWriter({ ...options, store: this.session.store });
    this.prompt = this.session.prompt();
  }

  get state(): EditorState {
    return {
      mode: this.mode,
      command: this.run?.command ?? null,
      startedAt: this.run?.startedAt ?? null,
      waitUntil: this.waitUntil,
      timeoutSeconds: this.session.timeoutSeconds,
    };
  }

  get history() {
    return this.session.history;
  }

  /** The line being typed. */
  get line(): string {
    return this.buffer.text;
  }

  /** Writes the kept transcript back, then the prompt or the reason there is none. */
  start(availability: SandboxAvailability) {
    this.writer.restore();
    this.setAvailability(availability);
  }

  dispose() {
    this.writer.close();
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
    this.render(this.buffer.set(command));
    this.enter();
    return true;
  }

  /** Ctrl+C from outside the terminal (the command bar's stop button). */
  interrupt() {
    this.dispatch([{ type: "key", action: "interrupt", raw: "\x03" }]);
  }

  setTimeoutSeconds(seconds: number) {
    this.session.timeoutSeconds = seconds;
    this.emitState();
  }

  /** The terminal is now `cols` wide. `cursor`: where xterm put the cursor after reflowing, relative to the prompt. */
  resize(cols: number, cursor?: CellPosition) {
    if (cols === this.cols || cols < 1) return;
    this.cols = cols;
    if (this.mode !== "idle") return;
    if (cursor) {
      this.screen = cursor;
      this.writer.write(moveCursor(this.screen, { row: 0, col: 0 }) + "\x1b[J");
      this.screen = { row: 0, col: 0 };
    } else {
      this.writer.write("\r\n");
    }
    this.showPrompt();
  }

  /** Clears the screen and the kept transcript; the line being typed stays. */
  clear() {
    this.writer.clearAll();
    if (this.mode === "idle") this.showPrompt();
    else if (this.mode === "off" && this.session.availability) this.writer.write(lineStyle.dim(this.session.offReason()));
  }

  /** The transcript as plain text (download, copy all), with the line being typed. */
  plainTranscript(): string {
    return this.writer.plainText(this.mode === "idle" ? this.prompt.plain + this.renderedLine() : "");
  }

  /** The sandbox's status changed (or is first known). */
  setAvailability(next: SandboxAvailability) {
    const change = this.session.setAvailability(next);
    switch (change.kind) {
      case "first":
        if (change.live) this.goIdle();
        // A status line, not history: not kept, or each visit would add one.
        else this.writer.write(lineStyle.dim(this.session.offReason()));
        return;
      case "live":
        if (this.mode === "off") this.goIdle();
        return;
      case "same":
        return;
      case "lost":
        if (this.mode === "busy") {
          // The running command ends on its own (its answer or an error); say it then.
          this.deferredNotice = change.notice;
          return;
        }
        if (this.mode !== "off") this.leavePrompt();
        if (change.notice) this.writer.notice(change.notice);
    }
  }

  // ---- keys ----

  private dispatch(tokens: KeyToken[]) {
    for (let i = 0; i < tokens.length; i++) {
      if (this.writer.isClosed) return;
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
          if (token.type === "text") this.render(this.buffer.insert(token.text));
          else if (token.type === "paste") this.paste(token.text);
          else this.key(token.action);
          break;
      }
    }
  }

  private key(action: KeyAction) {
    const target = this.buffer.motionTarget(action);
    if (target !== null) return this.moveTo(target);
    const deletion = this.buffer.deletion(action);
    if (deletion) return this.render(this.buffer.replace(deletion[0], deletion[1], ""));
    switch (action) {
      case "enter":
        return this.enter();
      case "up": {
        const entry = this.session.history.previous(this.buffer.text);
        return entry === null ? undefined : this.render(this.buffer.set(entry));
      }
      case "down": {
        const entry = this.session.history.next();
        return entry === null ? undefined : this.render(this.buffer.set(entry));
      }
      case "interrupt":
        this.writer.write(this.moveToEnd() + "^C\r\n");
        this.writer.commit(this.prompt.styled + this.renderedLine() + "^C\r\n");
        this.buffer.reset();
        this.session.history.reset();
        return this.showPrompt();
      case "clearScreen":
        return this.clear();
      default:
        return;
    }
  }

  // ---- drawing ----

  private positions(): CellPosition[] {
    return layoutLine(this.afterPrompt, this.buffer.graphemes, this.cols);
  }

  /** Redraws the line from grapheme `from` on (what precedes it has not moved) and puts the cursor back. */
  private render(from: number) {
    const positions = this.positions();
    const graphemes = this.buffer.graphemes;
    let position = settle(positions[from]!, this.cols);
    let out = moveCursor(this.screen, position) + "\x1b[J";
    for (let i = from; i < graphemes.length; i++) {
      const grapheme = graphemes[i]!;
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
    const target = settle(positions[this.buffer.cursor]!, this.cols);
    out += moveCursor(this.screen, target);
    this.screen = target;
    this.writer.write(out);
  }

  private moveTo(index: number) {
    if (!this.buffer.moveTo(index)) return;
    const position = settle(this.positions()[this.buffer.cursor]!, this.cols);
    this.writer.write(moveCursor(this.screen, position));
    this.screen = position;
  }

  /** Cursor moves to the end of the typed line (before leaving it). */
  private moveToEnd(): string {
    const end = settle(this.positions()[this.buffer.graphemes.length]!, this.cols);
    const out = moveCursor(this.screen, end);
    this.screen = end;
    return out;
  }

  private renderedLine() {
    return this.buffer.graphemes.map(displayOf).join("");
  }

  private showPrompt() {
    this.prompt = this.session.prompt();
    this.writer.promptStart();
    this.afterPrompt = advance({ row: 0, col: 0 }, this.prompt.plain, this.cols);
    this.screen = settle(this.afterPrompt, this.cols);
    this.writer.write(this.prompt.styled + (this.afterPrompt.col >= this.cols ? "\r\n" : ""));
    if (this.buffer.graphemes.length > 0) this.render(0);
  }

  /** Ends the prompt's line on screen and in the transcript, keeping nothing typed. */
  private leavePrompt() {
    if (this.mode === "idle") {
      this.writer.write(this.moveToEnd() + "\r\n");
      this.writer.commit(this.prompt.styled + this.renderedLine() + "\r\n");
    } else if (this.mode === "confirm") {
      this.writer.write("\r\n");
    }
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.waitUntil = null;
    this.confirm = null;
    this.buffer.reset();
    this.pending = [];
    this.setMode("off");
  }

  /** A message while the prompt is up: said below the line, then the prompt and line drawn again. */
  private sayAtPrompt(text: string) {
    this.writer.write(this.moveToEnd() + "\r\n");
    this.writer.notice(text, lineStyle.error);
    this.showPrompt();
  }

  // ---- paste ----

  private paste(raw: string) {
    // Newlines as bash reads them; other control characters (escapes) are not pasted.
    let text = raw.replace(/\r\n?/g, "\n").replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, "");
    const runNow = text.endsWith("\n");
    text = text.replace(/\n+$/, "");
    if (text === "") return runNow ? this.enter() : undefined;
    const refusal = this.session.pasteRefusal(this.buffer.text, text);
    if (refusal) return this.sayAtPrompt(refusal);
    const question = this.session.pasteQuestion(text);
    if (question) {
      this.confirm = { text, runNow };
      this.writer.write(this.moveToEnd() + "\r\n" + question);
      return this.setMode("confirm");
    }
    this.render(this.buffer.insert(text));
    if (runNow) this.enter();
  }

  private answerConfirm(yes: boolean) {
    const confirm = this.confirm;
    this.confirm = null;
    this.writer.write(yes ? "y\r\n" : "n\r\n");
    this.setMode("idle");
    this.showPrompt();
    if (yes && confirm) {
      this.render(this.buffer.insert(confirm.text));
      if (confirm.runNow) this.enter();
    }
  }

  // ---- running ----

  private enter() {
    const command = this.buffer.text;
    this.writer.write(this.moveToEnd() + "\r\n");
    this.writer.commit(this.prompt.styled + this.renderedLine() + "\r\n");
    if (command.trim() === "") {
      this.buffer.reset();
      this.session.history.reset();
      this.writer.save();
      return this.showPrompt();
    }
    const refusal = this.session.commandRefusal(command);
    if (refusal) {
      this.writer.notice(refusal, lineStyle.error);
      return this.showPrompt();
    }
    this.buffer.reset();
    this.session.remember(command);
    void this.execute(command);
  }

  private async execute(command: string) {
    const timeout = this.session.timeoutSeconds;
    const run: Run = { command, controller: new AbortController(), startedAt: Date.now(), timeout, atLineStart: true };
    this.run = run;
    this.setMode("busy");
    let response: ExecResponse;
    try {
      response = await this.options.exec(this.session.request(command, timeout), run.controller.signal);
    } catch (error) {
      if (this.run !== run) return;
      this.failed(error);
      return;
    }
    if (this.run !== run) return;
    await this.writer.writeAnswer(run, response, this.cols, () => this.run === run);
    if (this.run !== run) return;
    this.session.answered(response);
    this.finishRun();
  }

  private failed(error: unknown) {
    const report = describeExecError(error);
    this.writer.notice(report.line, lineStyle.error);
    if (report.instance) {
      const { status, stop_reason } = report.instance;
      this.setAvailability({ status, stopReason: stop_reason });
      this.options.onSandboxGone?.(report.instance);
    }
    if (report.waitSeconds && this.session.canRun) {
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
   * Ctrl+C while a command runs or while the prompt waits. The request is aborted; the note says
   * how long the command can still run.
   */
  private cancel() {
    const run = this.run;
    run?.controller.abort();
    this.run = null;
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.waitUntil = null;
    // Like a tty, Ctrl+C drops what was typed ahead.
    this.pending = [];
    this.writer.interrupted(run?.atLineStart ?? true, run ? this.session.stoppedWaitingNote(run.timeout, run.startedAt) : null);
    this.finishRun();
  }

  private finishRun() {
    this.run = null;
    this.writer.save();
    const notice = this.deferredNotice;
    this.deferredNotice = null;
    if (!this.session.canRun) {
      this.pending = [];
      this.setMode("off");
      if (notice) this.writer.notice(notice);
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

  private setMode(mode: EditorMode) {
    this.mode = mode;
    this.emitState();
  }

  private emitState() {
    this.options.onStateChange?.(this.state);
  }
}
