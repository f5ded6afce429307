import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { quoteName } from '../util/controls.js';
import { forgetOnSignal, removeOnSignal } from './signals.js';
import { describeError, InputError } from './walk.js';

/** Characters gathered from a renderer's chunks before one write: few system calls, little memory. */
const WRITE_CHARS = 1 << 20;

/**
 * Where the report goes: standard output, or the --out file. The file is checked before any input is
 * read (a temporary file is created beside it at once), written through that temporary file, and only
 * renamed over FILE once the whole report is written: a failed or interrupted run leaves no FILE, and
 * any old FILE as it was.
 */
export class Output {
  private constructor(
    private readonly out: string | undefined,
    private readonly temporary: string | undefined,
    private readonly stdout: NodeJS.WritableStream,
    private readonly flag: string,
  ) {}

  /** Checks --out FILE (or `flag` FILE) creating its temporary file, or takes standard output. */
  static async open(out: string | undefined, stdout: NodeJS.WritableStream, flag = '--out'): Promise<Output> {
    if (out === undefined) return new Output(undefined, undefined, stdout, flag);
    const fail = (why: string) => new InputError(`neardup: cannot write ${flag} ${quoteName(out)}: ${why}`);
    const existing = await stat(out).catch(() => undefined);
    if (existing?.isDirectory()) throw fail('is a directory');
    if (existing) await access(out, constants.W_OK).catch((e) => Promise.reject(fail(describeError(e))));
    // Hidden and ending in .tmp, so a directory walk over the same folder never reads it.
    const temporary = join(
      dirname(out),
      `.${basename(out)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    // Watched before it exists: a signal that comes while it is being created still removes it.
    removeOnSignal(temporary);
    const handle = await open(temporary, 'wx').catch((e) => {
      forgetOnSignal(temporary);
      return Promise.reject(fail(describeError(e)));
    });
    await handle.close();
    return new Output(out, temporary, stdout, flag);
  }

  /**
   * Writes the chunks in order, waiting whenever the stream asks to (backpressure), then puts the file
   * in place. Standard output closed early (`neardup … | head`) ends the writing quietly.
   */
  async write(chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
    await this.fill(chunks);
    await this.commit();
  }

  /**
   * Writes the chunks (to standard output, or to the temporary file, not yet in place: see commit), so
   * that a command writing two files puts them in place only once both are whole.
   */
  async fill(chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
    if (this.temporary === undefined) {
      await writeChunks(chunks, this.stdout, true);
      return;
    }
    const file = createWriteStream(this.temporary);
    try {
      await writeChunks(chunks, file, false);
      await new Promise<void>((done, failed) => {
        file.once('error', failed);
        file.end(done);
      });
    } catch (error) {
      file.destroy();
      throw this.failure(error);
    }
  }

  /** Renames the filled temporary file over FILE (nothing to do for standard output). */
  async commit(): Promise<void> {
    if (this.temporary === undefined) return;
    await rename(this.temporary, this.out as string).catch((error) => Promise.reject(this.failure(error)));
    forgetOnSignal(this.temporary);
  }

  private failure(error: unknown): InputError {
    return error instanceof InputError
      ? error
      : new InputError(
          `neardup: cannot write ${this.flag} ${quoteName(this.out as string)}: ${describeError(error as NodeJS.ErrnoException)}`,
        );
  }

  /** Removes the temporary file of a run that failed. */
  async discard(): Promise<void> {
    if (this.temporary === undefined) return;
    await rm(this.temporary, { force: true });
    forgetOnSignal(this.temporary);
  }
}

/** Writes the chunks to `stream` about WRITE_CHARS at a time, waiting for 'drain' when it is full. */
async function writeChunks(
  chunks: Iterable<string> | AsyncIterable<string>,
  stream: NodeJS.WritableStream,
  quietOnEpipe: boolean,
): Promise<void> {
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (error: NodeJS.ErrnoException) => {
    failure ??= error;
  };
  stream.on('error', onError);
  try {
    let batch: string[] = [];
    let size = 0;
    const flush = async () => {
      const text = batch.join('');
      batch = [];
      size = 0;
      if (failure === undefined && !stream.write(text)) await drained(stream, () => failure);
    };
    for await (const chunk of chunks) {
      batch.push(chunk);
      size += chunk.length;
      if (size >= WRITE_CHARS) await flush();
      if (failure !== undefined) break;
    }
    if (failure === undefined && size > 0) await flush();
    if (failure === undefined) await flushed(stream);
  } finally {
    stream.off('error', onError);
  }
  if (failure !== undefined && !(quietOnEpipe && failure.code === 'EPIPE')) throw failure;
}

/** Resolves on 'drain', or as soon as the stream has failed or closed. */
function drained(stream: NodeJS.WritableStream, failed: () => unknown): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      stream.off('drain', finish);
      stream.off('error', finish);
      stream.off('close', finish);
      done();
    };
    if (failed() !== undefined) return done();
    stream.on('drain', finish);
    stream.on('error', finish);
    stream.on('close', finish);
  });
}

/** Resolves once everything written so far has been handed to the system (or the stream failed). */
function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((done) => {
    stream.write('', () => done());
  });
}
