/**
 * Progress on standard error: files read, paragraphs, rate and stage. Rewritten in place on a terminal;
 * with --progress elsewhere, one line per stage and at most one a second; otherwise silent (pipes, CI).
 */
export class Progress {
  private lastLine = 0;
  private readonly started = Date.now();
  private files = 0;
  private paragraphs = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    readonly enabled: boolean,
  ) {}

  /** One more of `total` files was read, holding `paragraphs` paragraphs. */
  fileRead(total: number, paragraphs: number): void {
    this.files++;
    this.paragraphs += paragraphs;
    if (Date.now() - this.lastLine >= (this.stream.isTTY ? 100 : 1000) || this.files === total) {
      this.show(`reading: ${this.files}/${total} files, ${this.paragraphs} paragraphs, ${this.rate()}`, true);
    }
  }

  stage(text: string): void {
    this.show(text, true);
  }

  /** Clears the terminal line so the report (or the next message) starts clean. */
  end(): void {
    if (this.enabled && this.stream.isTTY) this.stream.write('\r\x1b[K');
  }

  private rate(): string {
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    return `${Math.round(this.paragraphs / seconds)} paragraphs/s`;
  }

  private show(text: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastLine < 100) return;
    this.lastLine = now;
    this.stream.write(this.stream.isTTY ? `\r\x1b[Kneardup: ${text}` : `neardup: ${text}\n`);
  }
}
