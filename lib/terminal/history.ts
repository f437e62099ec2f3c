/**
 * Commands run in one sandbox, oldest first. Empty lines are never kept; running a command
 * again moves it to the end instead of keeping a copy.
 */
export class CommandHistory {
  private items: string[];
  /** Where Up/Down stand: `items.length` is the line being typed. */
  private position: number;
  private draft = "";

  constructor(
    items: readonly string[] = [],
    readonly limit = 500,
  ) {
    this.items = items.filter((item) => item.trim() !== "").slice(-limit);
    this.position = this.items.length;
  }

  get entries(): readonly string[] {
    return this.items;
  }

  add(command: string) {
    if (command.trim() !== "") {
      this.items = this.items.filter((item) => item !== command);
      this.items.push(command);
      if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
    }
    this.reset();
  }

  /** Back to the line being typed, forgetting the draft. */
  reset() {
    this.position = this.items.length;
    this.draft = "";
  }

  /** The older entry, or null at the oldest. `current` is kept as the draft when leaving the typed line. */
  previous(current: string): string | null {
    if (this.position === 0) return null;
    if (this.position === this.items.length) this.draft = current;
    this.position -= 1;
    return this.items[this.position] ?? null;
  }

  /** The newer entry, the draft past the newest, or null when already on the typed line. */
  next(): string | null {
    if (this.position >= this.items.length) return null;
    this.position += 1;
    return this.position === this.items.length ? this.draft : (this.items[this.position] ?? null);
  }
}
