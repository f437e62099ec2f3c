import { randomBytes } from "node:crypto";
import { chownSync } from "node:fs";
import path from "node:path";
import type { HostCommands } from "./host-commands.ts";

/** Pairs made by one `mkfifo`. */
const batchSize = 8;

/**
 * The FIFO pairs (`<id>.out`, `<id>.err`) that execs of one sandbox write their output to, made
 * ahead in batches: one `mkfifo` (a fork) for every eight execs instead of one each. An id is
 * handed out once; its FIFOs are removed by the exec that used them.
 */
export class FifoPool {
  private readonly ready: string[] = [];
  private making: Promise<void> | undefined;
  private counter = 0;

  constructor(
    private readonly dir: string,
    private readonly owner: { uid: number; gid: number } | undefined,
    private readonly commands: HostCommands,
  ) {}

  /** An id whose two FIFOs exist in the dir. Throws when they could not be made. */
  async take(): Promise<string> {
    while (this.ready.length === 0) await (this.making ??= this.make());
    const id = this.ready.shift()!;
    if (this.ready.length < batchSize / 2) this.making ??= this.make().catch(() => undefined);
    return id;
  }

  static paths(dir: string, id: string): [string, string] {
    return [path.join(dir, `${id}.out`), path.join(dir, `${id}.err`)];
  }

  private async make(): Promise<void> {
    try {
      const ids = Array.from({ length: batchSize }, () => `${(this.counter++).toString(36)}x${randomBytes(4).toString("hex")}`);
      const files = ids.flatMap((id) => FifoPool.paths(this.dir, id));
      const made = await this.commands.run("mkfifo", ["-m", "600", ...files]);
      if (made.code !== 0) throw new Error(`mkfifo failed (${made.code ?? "not run"})`);
      if (this.owner) for (const file of files) chownSync(file, this.owner.uid, this.owner.gid);
      this.ready.push(...ids);
    } finally {
      this.making = undefined;
    }
  }
}
