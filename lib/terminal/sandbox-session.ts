import { codePointLength } from "@/lib/sandbox/code-point-length";
import { statusWords, stopReasonText } from "@/lib/sandbox/format";
import { execTimeoutLimits, maxCommandLength } from "@/lib/sandbox/request-limits";
import { canExec, isEnded, type SandboxStatus } from "@/lib/sandbox/status";
import type { ExecResponse } from "@/lib/sandbox/types";
import { CommandHistory } from "./history";
import { formatPrompt, homeDirectory, type Prompt } from "./prompt";
import { TerminalSessionStore, type KeyValueStorage } from "./session-store";

export interface ExecRequest {
  command: string;
  timeout: number;
  cwd: string | null;
}

export interface SandboxAvailability {
  status: SandboxStatus;
  stopReason: string | null;
}

export interface SandboxSessionOptions {
  /** The sandbox row's id: names the session's storage. */
  sandboxId: string;
  /** The sandbox's id as the page shows it (`sandbox_id`, the orchestrator's): the prompt's host. */
  name: string;
  /** The sandbox's home (its `hot_path`), shown as `~`; `/home/agent` when not given. */
  home?: string;
  storage?: KeyValueStorage | null;
  historyLimit?: number;
}

/** What a status change means at the terminal. */
export type AvailabilityChange =
  /** The first status known: the prompt comes up, or a line says why not. */
  | { kind: "first"; live: boolean }
  /** It can run commands again (or now). */
  | { kind: "live" }
  /** It can no longer run commands; `notice` (if any) says why. */
  | { kind: "lost"; notice: string | null }
  /** Nothing the terminal shows changes. */
  | { kind: "same" };

/** A multi-line paste longer than this asks first. */
const pasteConfirmLines = 20;

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The sandbox behind a terminal: its status, where its shell stands (cwd), the per-command timeout
 * and history, kept per sandbox in the session's storage, and the terminal's words about them. The
 * limits are the exec route's own (`lib/sandbox/request-limits.ts`).
 */
export class SandboxSession {
  readonly store: TerminalSessionStore;
  readonly history: CommandHistory;
  private cwd: string | null;
  private timeout: number;
  private current: SandboxAvailability | null = null;

  constructor(private readonly options: SandboxSessionOptions) {
    this.store = new TerminalSessionStore(options.storage ?? null, options.sandboxId);
    this.history = new CommandHistory(this.store.loadHistory(), options.historyLimit);
    this.cwd = this.store.loadCwd();
    this.timeout = clampTimeout(this.store.loadTimeout() ?? execTimeoutLimits.default);
  }

  get timeoutSeconds(): number {
    return this.timeout;
  }

  set timeoutSeconds(seconds: number) {
    this.timeout = clampTimeout(seconds);
    this.store.saveTimeout(this.timeout);
  }

  get availability(): SandboxAvailability | null {
    return this.current;
  }

  /** Whether a command may be sent now. */
  get canRun(): boolean {
    return this.current !== null && canExec(this.current.status);
  }

  prompt(): Prompt {
    return formatPrompt(this.options.name, this.cwd, this.options.home);
  }

  /** A new session starts at home, where its prompt says it is (not wherever another tab left the server's cwd). */
  request(command: string, timeout: number): ExecRequest {
    return { command, timeout, cwd: this.cwd ?? this.options.home ?? homeDirectory };
  }

  /** A command is sent: it goes into the history. */
  remember(command: string) {
    this.history.add(command);
    this.store.saveHistory(this.history.entries);
  }

  /** A command was answered: its shell ended in `response.cwd`. */
  answered(response: ExecResponse) {
    this.cwd = response.cwd || this.cwd;
    this.store.saveCwd(this.cwd);
  }

  setAvailability(next: SandboxAvailability): AvailabilityChange {
    const previous = this.current;
    this.current = next;
    const live = canExec(next.status);
    if (previous === null) return { kind: "first", live };
    const wasLive = canExec(previous.status);
    if (live) return wasLive ? { kind: "same" } : { kind: "live" };
    if (previous.status === next.status) return { kind: "same" };
    const notice = isEnded(next.status)
      ? `[the sandbox is ${next.status}${next.stopReason ? `: ${stopReasonText(next.stopReason)}` : ""}]`
      : wasLive
        ? `[sandbox ${statusWords(next.status)}: input is off]`
        : null;
    return { kind: "lost", notice };
  }

  /** Why there is no prompt (a status line, not history). */
  offReason(): string {
    const { status, stopReason } = this.current!;
    if (isEnded(status)) return `[input off: the sandbox is ${status}${stopReason ? ` (${stopReasonText(stopReason)})` : ""}]`;
    return `[input off: the sandbox is ${statusWords(status)}; the prompt appears when it is ready]`;
  }

  /** Why `command` is not sent, or null. */
  commandRefusal(command: string): string | null {
    const length = codePointLength(command);
    if (length <= maxCommandLength) return null;
    return `The command is ${count(length)} characters; the limit is ${count(maxCommandLength)}. Shorten it and press Enter again.`;
  }

  /** Why pasting `text` into `line` is refused, or null. */
  pasteRefusal(line: string, text: string): string | null {
    const length = codePointLength(line) + codePointLength(text);
    if (length <= maxCommandLength) return null;
    return `Paste refused: the command would be ${count(length)} characters; the limit is ${count(maxCommandLength)}.`;
  }

  /** The question before a long paste runs as one command, or null when it needs none. */
  pasteQuestion(text: string): string | null {
    const lines = text.split("\n").length;
    return lines > pasteConfirmLines ? `Paste ${lines} lines as one command? [y/N] ` : null;
  }

  /** Said when Ctrl+C stops waiting: the orchestrator may go on running the command (production does). */
  stoppedWaitingNote(timeout: number, startedAt: number, now = Date.now()): string {
    const left = Math.max(1, Math.ceil(timeout - (now - startedAt) / 1000));
    return `[stopped waiting: the command may run on in the sandbox for up to ${left} s]`;
  }
}

function clampTimeout(seconds: number): number {
  if (!Number.isFinite(seconds)) return execTimeoutLimits.default;
  return Math.min(execTimeoutLimits.max, Math.max(execTimeoutLimits.min, Math.round(seconds)));
}
