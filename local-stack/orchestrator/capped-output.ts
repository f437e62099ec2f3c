/** Keeps the first `cap` bytes of a stream and counts the rest. */
export class CappedOutput {
  private chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer) {
    const room = this.cap - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    this.dropped += Math.max(0, chunk.length - Math.max(0, room));
  }

  /** UTF-8 text with invalid sequences replaced by U+FFFD, and a marker when bytes were dropped. */
  text(): string {
    const body = Buffer.concat(this.chunks).toString("utf8");
    if (this.dropped === 0) return body;
    return `${body}\n[output truncated: ${this.dropped} more bytes not shown, limit is ${this.cap} bytes]\n`;
  }
}
