import type { ExecResponse } from "@/lib/sandbox/types";
import { clampCsiCounts } from "./clamp-csi-counts";
import { exitStatusText } from "./exit-status-text";
import { chunkText, dropScrolledOff, endsAtLineStart, modeReset, styleStderr, toPlainText, toTerminalLineEndings } from "./output";
import { capTranscript, defaultTranscriptLimit, type TerminalSessionStore } from "./session-store";

/** Where the editor's writes go: the xterm in the panel, a recorder in tests. */
export interface TerminalOutput {
  /** Resolves once the terminal has taken the data in, so large output can be paced. */
  write(data: string): void | Promise<void>;
  /** Called just before a prompt is written: the terminal's cursor will be at the prompt's first cell. */
  promptStart?(): void;
}

export interface OutputWriterOptions {
  output: TerminalOutput;
  /** Where the transcript is kept between visits. */
  store: TerminalSessionStore;
  transcriptLimit?: number;
  /** Largest piece of output written at once (UTF-16 units). */
  chunkSize?: number;
  /** Rows the terminal keeps (screen and scrollback): output that would scroll past them all is not written. */
  keptRows?(): number;
}

/** An answer being written: whether it is still wanted (Ctrl+C, a newer run), and where its output ended. */
export interface AnswerRun {
  readonly timeout: number;
  /** Whether the output written so far ended a line (so ^C starts one of its own). */
  atLineStart: boolean;
}

/** One line in a colour, ended. */
export const lineStyle = {
  error: (text: string) => `\x1b[31m${text}\x1b[0m\r\n`,
  note: (text: string) => `\x1b[33m${text}\x1b[0m\r\n`,
  dim: (text: string) => `\x1b[2m${text}\x1b[0m\r\n`,
};

const clearScreen = "\x1b[H\x1b[2J\x1b[3J";
const bracketedPasteOn = "\x1b[?2004h";
const chunksInFlight = 8;

/**
 * Everything the editor writes goes through here: to the terminal, and (what is history, not a
 * status line) into the transcript kept for the next visit. A command's answer is paced: a few
 * pieces in flight, lines that would only scroll out of the scrollback skipped.
 */
export class OutputWriter {
  private transcriptText: string;
  private closed = false;

  constructor(private readonly options: OutputWriterOptions) {
    this.transcriptText = options.store.loadTranscript();
  }

  /** Turns bracketed paste on and writes the kept transcript back, closed so a prompt can follow. */
  restore() {
    // Bracketed paste: a pasted block arrives marked, so its newlines do not each run a command.
    this.write(bracketedPasteOn);
    const kept = this.transcriptText;
    // A reload in the middle of an answer leaves it unfinished: close it before the prompt.
    if (kept) this.write(kept + (endsAtLineStart(kept) ? "" : modeReset + "\r\n"));
  }

  /** No more writes (the terminal is going away). */
  close() {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(data: string) {
    if (!this.closed && data) void this.options.output.write(data);
  }

  promptStart() {
    this.options.output.promptStart?.();
  }

  /** Adds to the transcript (not saved until `save`). */
  commit(data: string) {
    this.transcriptText = capTranscript(this.transcriptText + data, this.options.transcriptLimit ?? defaultTranscriptLimit);
  }

  save() {
    this.options.store.saveTranscript(this.transcriptText);
  }

  /** A line of its own below whatever is on screen, kept in the transcript. */
  notice(text: string, format = lineStyle.dim) {
    const line = format(text);
    this.write(line);
    this.commit(line);
    this.save();
  }

  /** Clears the screen and forgets the transcript. */
  clearAll() {
    this.transcriptText = "";
    this.save();
    this.write(clearScreen);
  }

  /** The transcript as plain text, with `current` (the prompt's line) after it. */
  plainText(current: string): string {
    return toPlainText(this.transcriptText + current);
  }

  /**
   * Writes a command's answer, stdout then stderr in red, then what ends it (modes reset, the exit
   * status), and stops early once `stillWanted` says no.
   */
  async writeAnswer(run: AnswerRun, response: ExecResponse, cols: number, stillWanted: () => boolean) {
    // The server caps the output (ExecResponse.truncated, with a notice in each cut stream).
    const { stdout, stderr } = response;
    const text = clampCsiCounts(toTerminalLineEndings(stdout) + (stderr ? styleStderr(toTerminalLineEndings(stderr)) : ""));
    // Lines that would only scroll through the terminal and out of its scrollback cost xterm as much
    // as the ones it keeps: skip them (the transcript still gets them).
    const { dropped, shown } = this.options.keptRows ? dropScrolledOff(text, this.options.keptRows(), cols) : { dropped: "", shown: text };
    this.commit(dropped);
    // A few pieces in flight at a time: xterm parses them back to back in short slices (the page
    // keeps answering), and Ctrl+C stops the rest.
    const inFlight: Promise<void>[] = [];
    for (const chunk of chunkText(shown, this.options.chunkSize ?? 32 * 1024)) {
      this.commit(chunk);
      run.atLineStart = endsAtLineStart(chunk);
      inFlight.push(Promise.resolve(this.options.output.write(chunk)));
      if (inFlight.length >= chunksInFlight) await inFlight.shift();
      if (!stillWanted() || this.closed) return;
    }
    await Promise.all(inFlight);
    if (!stillWanted() || this.closed) return;
    let tail = modeReset + (endsAtLineStart(text) ? "" : "\r\n");
    if (response.exit_code !== 0 || response.timed_out) {
      tail += lineStyle.note(exitStatusText(response.exit_code, response.timed_out === true, run.timeout));
    }
    this.commit(tail);
    await this.options.output.write(tail);
  }

  /** Ctrl+C while a command ran: ends its output's line, says `^C` and, when given, `note`. */
  interrupted(atLineStart: boolean, note: string | null) {
    let line = modeReset + (atLineStart ? "" : "\r\n") + "^C\r\n";
    if (note) line += lineStyle.note(note);
    this.write(line);
    this.commit(line);
  }
}
