import { stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import {
  findDuplicates,
  NearDupError,
  type Options,
  type Report,
  renderHtml,
  renderJson,
  renderSarif,
  renderText,
  splitParagraphs,
} from '../index.js';
import { findDuplicatesParallel } from '../node/index.js';
import { type CliArgs, type Format, parseCli, USAGE, UsageError } from './args.js';
import { InputError, listInputs, streamInputs } from './files.js';
import { checkAgainstIndex, checkAgainstRedis } from './index-file.js';
import { Progress } from './progress.js';

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
  const say = (stream: NodeJS.WritableStream, text: string) =>
    new Promise<void>((done) => stream.write(text.endsWith('\n') ? text : `${text}\n`, () => done()));
  try {
    const args = parseCli(argv);
    if (args.help) return await say(io.stdout, USAGE).then(() => 0);
    if (args.version) return await say(io.stdout, version()).then(() => 0);
    // Progress on a terminal, never in CI (its logs are often TTYs), always with --progress.
    const progress = new Progress(io.stderr, args.progress || (io.stderr.isTTY === true && !isCi(io.env)));
    const ids = await listInputs(args.paths, args.extensions);
    // Files are indexed as they are read; their texts are kept once, for the renderers.
    let texts = new Map<string, string>();
    const warn = (message: string) => {
      progress.end();
      io.stderr.write(`${message}\n`);
    };
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
    let report: Report;
    if (args.index !== undefined || args.redis !== undefined) {
      const checked =
        args.index !== undefined
          ? await checkAgainstIndex(args.index, documents(), detectionOptions(args))
          : await checkAgainstRedis(args.redis as string, documents(), detectionOptions(args));
      report = checked.report;
      texts = checked.texts;
      if (checked.skipped > 0)
        progress.stage(`${checked.skipped} input(s) already indexed unchanged: skipped`);
    } else {
      report =
        threads > 1
          ? await findDuplicatesParallel(documents(), detectionOptions(args), { threads })
          : await findDuplicates(documents(), detectionOptions(args));
    }
    progress.stage(`found ${report.stats.pairs} pairs in ${report.stats.ms} ms; writing ${args.format}…`);
    const color = args.out === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
    const output = render(args.format, report, texts, color);
    progress.end();
    if (args.out !== undefined) {
      await writeFile(args.out, output).catch((error: Error) => {
        throw new InputError(`neardup: cannot write ${JSON.stringify(args.out)}: ${error.message}`);
      });
    } else {
      await say(io.stdout, output);
    }
    return args.failOnDuplicates && report.pairs.length > 0 ? 1 : 0;
  } catch (error) {
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

function render(format: Format, report: Report, texts: Map<string, string>, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'text':
      return renderText(report, texts, { color });
    case 'html':
      return renderHtml(report, texts);
    case 'sarif':
      return renderSarif(report, texts, { toolVersion: version() });
  }
}

function version(): string {
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
  return pkg.version;
}
