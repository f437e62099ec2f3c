/**
 * Production's exec blocks its event loop: while one runs, nothing else is served. `exclusive`
 * runs a task alone; `idle` resolves once no exclusive task runs.
 */
export class ExclusiveGate {
  private current: Promise<void> | null = null;

  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    await this.idle();
    let release!: () => void;
    this.current = new Promise((resolve) => (release = resolve));
    try {
      return await task();
    } finally {
      this.current = null;
      release();
    }
  }
}
