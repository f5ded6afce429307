import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import {
  findDuplicates,
  NearDupError,
  type Options,
  type Report,
  renderHtmlChunks,
  renderJsonChunks,
  renderSarifChunks,
  renderTextChunks,
  splitParagraphs,
} from '../index.js';
import { findDuplicatesParallel } from '../node/index.js';
import { escapeControls } from '../util/controls.js';
import { type CliArgs, type Format, parseCli, USAGE, UsageError } from './args.js';
import { streamInputs } from './files.js';
import { checkAgainstIndex, checkAgainstRedis } from './index-file.js';
import { Output } from './output.js';
import { Progress } from './progress.js';
import { InputError, listInputs } from './walk.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  /** Reads a file's bytes (default: node:fs/promises readFile); tests put a stub here. */
  readFile?: (path: string) => Promise<Uint8Array>;
}

/** Runs the CLI; resolves to the exit code (0 done, 1 duplicates with --fail-on-duplicates, 2 error). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  // Messages name files and echo input: control characters in them are written as escapes.
  const say = (stream: NodeJS.WritableStream, text: string) =>
    new Promise<void>((done) => {
      const safe = escapeControls(text);
      stream.write(safe.endsWith('\n') ? safe : `${safe}\n`, () => done());
    });
  let output: Output | undefined;
  try {
    const args = parseCli(argv);
    if (args.help) return await say(io.stdout, USAGE).then(() => 0);
    if (args.version) return await say(io.stdout, version()).then(() => 0);
    // Progress on a terminal, never in CI (its logs are often TTYs), always with --progress.
    const progress = new Progress(io.stderr, args.progress || (io.stderr.isTTY === true && !isCi(io.env)));
    const warn = (message: string) => {
      progress.end();
      io.stderr.write(`${escapeControls(message)}\n`);
    };
    // --out is checked before any input is read: a run must not fail on it after minutes of work.
    output = await Output.open(args.out, io.stdout);
    const ids = await listInputs(args.paths, args.extensions, { warn, exclude: args.out });
    // Files are indexed as they are read; their texts are kept once, for the renderers.
    let texts = new Map<string, string>();
    const threads =
      args.index !== undefined || args.redis !== undefined
        ? 1
        : args.threads === 'auto'
          ? await autoThreads(ids)
          : args.threads;
    async function* documents() {
      for await (const doc of streamInputs(ids, { stdin: io.stdin, warn, readFile: io.readFile })) {
        texts.set(doc.id, doc.text);
        if (progress.enabled) progress.fileRead(ids.length, splitParagraphs(doc.text).length);
        yield doc;
      }
      const on = threads > 1 ? ` on ${threads} threads` : '';
      progress.stage(`detecting near duplicates and overlaps in ${texts.size} documents${on}…`);
    }
    const onProgress = progress.enabled
      ? (verified: number, total: number) => progress.verifying(verified, total)
      : undefined;
    let report: Report;
    if (args.index !== undefined || args.redis !== undefined) {
      const checked =
        args.index !== undefined
          ? await checkAgainstIndex(args.index, documents(), detectionOptions(args), {
              lockTimeoutMs: args.lockTimeout * 1000,
              onWait: (holder) => warn(`neardup: ${args.index} is in use by ${holder}: waiting for it…`),
              stallMs: Number(io.env.NEARDUP_TEST_SAVE_STALL_MS ?? 0) || 0,
            })
          : await checkAgainstRedis(args.redis as string, documents(), detectionOptions(args));
      report = checked.report;
      texts = checked.texts;
      if (checked.skipped > 0)
        progress.stage(`${checked.skipped} input(s) already indexed unchanged: skipped`);
    } else {
      report =
        threads > 1
          ? await findDuplicatesParallel(documents(), detectionOptions(args), { threads, onProgress })
          : await findDuplicates(documents(), detectionOptions(args), { onProgress });
    }
    progress.stage(`found ${report.stats.pairs} pairs in ${report.stats.ms} ms; writing ${args.format}…`);
    const color = args.out === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
    const chunks = render(args.format, report, texts, color);
    progress.end();
    await output.write(chunks);
    return args.failOnDuplicates && report.pairs.length > 0 ? 1 : 0;
  } catch (error) {
    await output?.discard();
    if (error instanceof UsageError) {
      await say(io.stderr, `${error.message}\nRun 'neardup --help' for usage.`);
    } else if (error instanceof InputError || error instanceof NearDupError) {
      await say(io.stderr, error.message);
    } else {
      await say(io.stderr, `neardup: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    }
    return 2;
  }
}

/** Input size from which --threads auto spreads the detection over every core. */
const AUTO_THREADS_BYTES = 8_000_000;

/**
 * One thread for small inputs (starting workers costs more than it saves), one per core from
 * AUTO_THREADS_BYTES of files on. Standard input counts as nothing; unreadable files are reported later.
 */
async function autoThreads(ids: readonly string[]): Promise<number> {
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

/** The CI environment variable is set, to anything but '', '0' or 'false' (as CI services set it). */
export function isCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

function detectionOptions(args: CliArgs): Options {
  const options: Options = {};
  if (args.threshold !== undefined) options.threshold = args.threshold;
  if (args.minOverlap !== undefined) options.minOverlapWords = args.minOverlap;
  return options;
}

/** The report in chunks, written as they come: no format holds the whole report in one string. */
function render(
  format: Format,
  report: Report,
  texts: Map<string, string>,
  color: boolean,
): Iterable<string> {
  switch (format) {
    case 'json':
      return renderJsonChunks(report);
    case 'text':
      return renderTextChunks(report, texts, { color });
    case 'html':
      return renderHtmlChunks(report, texts);
    case 'sarif':
      return renderSarifChunks(report, texts, { toolVersion: version() });
  }
}

function version(): string {
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
  return pkg.version;
}
