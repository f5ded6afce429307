// What both commands (neardup, neardup dedup) share about where they run: their streams, the CI check,
// the number of threads, and how a failure is told.
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { NearDupError, type Options, splitParagraphs } from '../index.js';
import { escapeControls } from '../util/controls.js';
import { UsageError } from './flags.js';
import { InputError } from './walk.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  /** Reads a file's bytes (default: node:fs/promises readFile); tests put a stub here. */
  readFile?: (path: string) => Promise<Uint8Array>;
}

/** Writes a message on its own line, control characters in it written as escapes. */
export function say(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise<void>((done) => {
    const safe = escapeControls(text);
    stream.write(safe.endsWith('\n') ? safe : `${safe}\n`, () => done());
  });
}

/** Tells what went wrong on standard error; resolves to exit code 2. */
export async function failed(error: unknown, io: Io, help: string): Promise<number> {
  if (error instanceof UsageError) {
    await say(io.stderr, `${error.message}\nRun '${help}' for usage.`);
  } else if (error instanceof InputError || error instanceof NearDupError) {
    await say(io.stderr, error.message);
  } else {
    await say(io.stderr, `neardup: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  }
  return 2;
}

/** The CI environment variable is set, to anything but '', '0' or 'false' (as CI services set it). */
export function isCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** Input size from which --threads auto spreads the detection over every core. */
const AUTO_THREADS_BYTES = 8_000_000;

/**
 * One thread for small inputs (starting workers costs more than it saves), one per core from
 * AUTO_THREADS_BYTES of files on. Standard input counts as nothing; unreadable files are reported later.
 */
export async function autoThreads(ids: readonly string[]): Promise<number> {
  const cores = os.availableParallelism();
  if (cores < 2) return 1;
  let bytes = 0;
  for (let i = 0; i < ids.length && bytes < AUTO_THREADS_BYTES; i += 64) {
    const sizes = await Promise.all(
      ids.slice(i, i + 64).map((id) =>
        id === '-'
          ? 0
          : stat(id).then(
              (s) => s.size,
              () => 0,
            ),
      ),
    );
    for (const size of sizes) bytes += size;
  }
  return bytes >= AUTO_THREADS_BYTES ? cores : 1;
}

/** Paragraphs of one text as the detection will cut it (for the progress line). */
export function countParagraphs(text: string, options: Options): number {
  const mode = typeof options.paragraphs === 'string' ? options.paragraphs : 'auto';
  return splitParagraphs(text, mode).length;
}

export function version(): string {
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
  return pkg.version;
}
