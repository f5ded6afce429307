import { escapeControls } from '../util/controls.js';

/**
 * Progress on standard error: files read, paragraphs, rate and stage, then candidate pairs verified with
 * a rate and the time left. Rewritten in place on a terminal; with --progress elsewhere, one line per
 * stage and at most one a second; otherwise silent (pipes, CI).
 */
export class Progress {
  private lastLine = 0;
  private readonly started: number;
  private files = 0;
  private paragraphs = 0;
  private verifyStarted = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    readonly enabled: boolean,
    /** Milliseconds now (tests give their own clock). */
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
  }

  /** One more of `total` files was read, holding `paragraphs` paragraphs. */
  fileRead(total: number, paragraphs: number): void {
    this.files++;
    this.paragraphs += paragraphs;
    if (this.due() || this.files === total) {
      this.show(`reading: ${this.files}/${total} files, ${this.paragraphs} paragraphs, ${this.rate()}`);
    }
  }

  /** One more document (a JSONL record) was read, holding `paragraphs` paragraphs. */
  documentRead(paragraphs: number): void {
    this.files++;
    this.paragraphs += paragraphs;
    if (this.due()) {
      this.show(
        `reading: ${count(this.files)} documents, ${count(this.paragraphs)} paragraphs, ${this.rate()}`,
      );
    }
  }

  /** Documents and paragraphs read so far. */
  get read(): { documents: number; paragraphs: number } {
    return { documents: this.files, paragraphs: this.paragraphs };
  }

  /** `verified` of `total` candidate pairs are verified (the library's onProgress). */
  verifying(verified: number, total: number): void {
    if (!this.enabled) return;
    const now = this.clock();
    if (verified === 0) this.verifyStarted = now;
    const seconds = Math.max(0.001, (now - this.verifyStarted) / 1000);
    if (verified === total) {
      this.show(`verified ${count(total)} candidate pairs in ${duration(seconds)}`);
    } else if (verified === 0 || this.due()) {
      const rate = verified / seconds;
      const left = verified > 0 ? `, about ${duration((total - verified) / rate)} left` : '';
      const percent = Math.floor((100 * verified) / total);
      this.show(
        `verifying: ${count(verified)}/${count(total)} candidate pairs (${percent}%)${verified > 0 ? `, ${count(Math.round(rate))}/s` : ''}${left}`,
      );
    }
  }

  stage(text: string): void {
    this.show(text);
  }

  /** Clears the terminal line so the report (or the next message) starts clean. */
  end(): void {
    if (this.enabled && this.stream.isTTY) this.stream.write('\r\x1b[K');
  }

  /** Whether the next periodic line is due: every 100 ms on a terminal, every second elsewhere. */
  private due(): boolean {
    return this.clock() - this.lastLine >= (this.stream.isTTY ? 100 : 1000);
  }

  private rate(): string {
    const seconds = Math.max(0.001, (this.clock() - this.started) / 1000);
    return `${Math.round(this.paragraphs / seconds)} paragraphs/s`;
  }

  private show(text: string): void {
    if (!this.enabled) return;
    this.lastLine = this.clock();
    const line = escapeControls(text);
    this.stream.write(this.stream.isTTY ? `\r\x1b[Kneardup: ${line}` : `neardup: ${line}\n`);
  }
}

/** 1234567 → "1,234,567" (the same on every locale). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Seconds as "45 s", "5 min 20 s" or "2 h 5 min". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
