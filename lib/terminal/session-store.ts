/** The storage the editor keeps its session in: sessionStorage in the browser, a Map in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const defaultTranscriptLimit = 256 * 1024;
const droppedNotice = "\x1b[0m\x1b[2m[earlier output not kept]\x1b[0m\r\n";

/** Keeps the end of a transcript within `limit` characters, cut at a line start so no escape is split. */
export function capTranscript(transcript: string, limit = defaultTranscriptLimit): string {
  if (transcript.length <= limit) return transcript;
  const from = transcript.indexOf("\r\n", transcript.length - limit + droppedNotice.length);
  const rest = from === -1 ? "" : transcript.slice(from + 2);
  return droppedNotice + rest;
}

/**
 * One sandbox's terminal session: history, working directory, transcript and timeout, under keys
 * named after the sandbox. Storage that refuses a write (quota, privacy mode) loses the session,
 * never the terminal.
 */
export class TerminalSessionStore {
  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly sandboxId: string,
  ) {}

  private key(name: string) {
    return `sandbox-terminal:${this.sandboxId}:${name}`;
  }

  private read(name: string): string | null {
    try {
      return this.storage?.getItem(this.key(name)) ?? null;
    } catch {
      return null;
    }
  }

  private write(name: string, value: string | null) {
    try {
      if (value === null) this.storage?.removeItem(this.key(name));
      else this.storage?.setItem(this.key(name), value);
    } catch {
      // Full or unavailable: the session is not kept.
    }
  }

  loadHistory(): string[] {
    try {
      const value: unknown = JSON.parse(this.read("history") ?? "[]");
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
    } catch {
      return [];
    }
  }
  saveHistory(entries: readonly string[]) {
    this.write("history", JSON.stringify(entries));
  }

  loadCwd(): string | null {
    return this.read("cwd");
  }
  saveCwd(cwd: string | null) {
    this.write("cwd", cwd);
  }

  loadTranscript(): string {
    return this.read("transcript") ?? "";
  }
  saveTranscript(transcript: string) {
    this.write("transcript", transcript || null);
  }

  loadTimeout(): number | null {
    const value = Number(this.read("timeout"));
    return Number.isInteger(value) && value > 0 ? value : null;
  }
  saveTimeout(seconds: number) {
    this.write("timeout", String(seconds));
  }
}
