/**
 * Keeps the first `cap` bytes of a stream (all of them when cap is Infinity), counts the rest,
 * and keeps the last bytes too: the exec's marker and directory come at the very end.
 */
export class CappedOutput {
  private chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  private tailChunks: Buffer[] = [];
  private tailSize = 0;

  constructor(
    private readonly cap: number,
    private readonly tailBytes = 64 * 1024,
  ) {}

  push(chunk: Buffer) {
    const room = this.cap - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    this.dropped += Math.max(0, chunk.length - Math.max(0, room));
    if (this.dropped > 0) {
      this.tailChunks.push(chunk);
      this.tailSize += chunk.length;
      while (this.tailSize - this.tailChunks[0]!.length >= this.tailBytes) this.tailSize -= this.tailChunks.shift()!.length;
    }
  }

  get truncated() {
    return this.dropped > 0;
  }

  /** Everything, when nothing was dropped; else the first `cap` bytes. */
  head(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** The last bytes seen (at least `tailBytes` of them), once something was dropped. */
  tail(): Buffer {
    return Buffer.concat(this.tailChunks);
  }

  /** Appended to the decoded head when bytes were dropped; `notCounted` of them were not the command's. */
  marker(notCounted = 0): string {
    return `\n[output truncated: ${Math.max(0, this.dropped - notCounted)} more bytes not shown, limit is ${this.cap} bytes]\n`;
  }
}
