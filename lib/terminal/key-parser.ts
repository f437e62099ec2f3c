/** What one keystroke (or paste) typed into the terminal asks the line editor to do. */
export type KeyAction =
  | "enter"
  | "backspace"
  | "delete"
  | "deleteOrEof"
  | "left"
  | "right"
  | "up"
  | "down"
  | "home"
  | "end"
  | "wordLeft"
  | "wordRight"
  | "killToStart"
  | "killToEnd"
  | "killWordBefore"
  | "killWordAfter"
  | "interrupt"
  | "clearScreen"
  | "tab";

export type KeyToken = { type: "key"; action: KeyAction; raw: string } | { type: "text"; text: string } | { type: "paste"; text: string };

const controlKeys: Record<string, KeyAction> = {
  "\r": "enter",
  "\n": "enter",
  "\x7f": "backspace",
  "\x08": "backspace",
  "\x01": "home",
  "\x05": "end",
  "\x02": "left",
  "\x06": "right",
  "\x10": "up",
  "\x0e": "down",
  "\x04": "deleteOrEof",
  "\x15": "killToStart",
  "\x0b": "killToEnd",
  "\x17": "killWordBefore",
  "\x03": "interrupt",
  "\x0c": "clearScreen",
  "\t": "tab",
};

// Alt+key arrives as ESC then the key.
const altKeys: Record<string, KeyAction> = {
  b: "wordLeft",
  f: "wordRight",
  d: "killWordAfter",
  "\x7f": "killWordBefore",
  "\x08": "killWordBefore",
};

// Final byte of CSI and SS3 sequences (both arrow encodings: `\x1b[A` and `\x1bOA`).
const finalKeys: Record<string, KeyAction> = { A: "up", B: "down", C: "right", D: "left", H: "home", F: "end" };
const tildeKeys: Record<string, KeyAction> = { "1": "home", "7": "home", "4": "end", "8": "end", "3": "delete" };

const pasteStart = "\x1b[200~";
const pasteEnd = "\x1b[201~";

/**
 * Turns what xterm's onData hands over into key tokens. Keeps state between calls only for a
 * bracketed paste that arrives in pieces.
 */
export class KeyParser {
  private paste: string | null = null;

  feed(data: string): KeyToken[] {
    const tokens: KeyToken[] = [];
    let text = "";
    const flushText = () => {
      if (text) tokens.push({ type: "text", text });
      text = "";
    };
    let i = 0;
    while (i < data.length) {
      if (this.paste !== null) {
        const end = data.indexOf(pasteEnd, i);
        if (end === -1) {
          this.paste += data.slice(i);
          break;
        }
        tokens.push({ type: "paste", text: this.paste + data.slice(i, end) });
        this.paste = null;
        i = end + pasteEnd.length;
        continue;
      }
      const char = data[i]!;
      if (char === "\x1b") {
        flushText();
        if (data.startsWith(pasteStart, i)) {
          this.paste = "";
          i += pasteStart.length;
          continue;
        }
        const length = escapeLength(data, i);
        const sequence = data.slice(i, i + length);
        const action = escapeAction(sequence);
        if (action) tokens.push({ type: "key", action, raw: sequence });
        i += length;
        continue;
      }
      const code = char.charCodeAt(0);
      if (code < 0x20 || code === 0x7f) {
        flushText();
        const action = controlKeys[char];
        // One Enter for a CRLF pair.
        if (char === "\r" && data[i + 1] === "\n") i++;
        if (action) tokens.push({ type: "key", action, raw: char });
        i++;
        continue;
      }
      if (code >= 0x80 && code < 0xa0) {
        i++;
        continue;
      }
      text += char;
      i++;
    }
    flushText();
    return tokens;
  }
}

/** Length of the escape sequence starting at `start` (at least 1: a lone ESC). */
function escapeLength(data: string, start: number): number {
  const next = data[start + 1];
  if (next === undefined) return 1;
  if (next === "[") {
    let j = start + 2;
    while (j < data.length && /[0-?]/.test(data[j]!)) j++;
    while (j < data.length && /[ -/]/.test(data[j]!)) j++;
    return j < data.length ? j - start + 1 : j - start;
  }
  if (next === "O") return Math.min(3, data.length - start);
  return 2;
}

function escapeAction(sequence: string): KeyAction | undefined {
  if (sequence.length === 2) return altKeys[sequence[1]!];
  if (sequence.startsWith("\x1bO")) return finalKeys[sequence[2] ?? ""];
  if (!sequence.startsWith("\x1b[")) return undefined;
  const final = sequence[sequence.length - 1]!;
  const params = sequence.slice(2, -1).split(";");
  if (final === "~") return tildeKeys[params[0] ?? ""];
  const action = finalKeys[final];
  // Ctrl (5) or Alt (3) with Left/Right moves by word; other modifiers leave the key as it is.
  const modifier = params[1];
  if ((modifier === "5" || modifier === "3") && action === "left") return "wordLeft";
  if ((modifier === "5" || modifier === "3") && action === "right") return "wordRight";
  return action;
}
