import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../../src/cli/main.js';

/** A stream that keeps what is written to it, a terminal or not. */
export class Collector extends Writable {
  text = '';
  constructor(readonly isTTY: boolean | undefined) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** An Io for main(): stdout and stderr collected, on a terminal or not, with the given environment. */
export function memoryIo({
  tty = false,
  env = {},
  readFile,
}: {
  tty?: boolean;
  env?: Record<string, string | undefined>;
  readFile?: Io['readFile'];
} = {}): Io & { stdout: Collector; stderr: Collector } {
  const stdin = new PassThrough();
  stdin.end();
  return {
    stdout: new Collector(tty || undefined),
    stderr: new Collector(tty || undefined),
    stdin,
    env,
    readFile,
  };
}
