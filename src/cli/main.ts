import {
  findDuplicates,
  type Report,
  renderHtmlChunks,
  renderJsonChunks,
  renderSarifChunks,
  renderTextChunks,
} from '../index.js';
import { findDuplicatesParallel } from '../node/index.js';
import { escapeControls } from '../util/controls.js';
import { type Format, parseCli, USAGE } from './args.js';
import { runDedup } from './dedup.js';
import { autoThreads, countParagraphs, failed, type Io, isCi, say, version } from './environment.js';
import { isJsonl, type RecordReading, streamInputs } from './files.js';
import { checkedOptions } from './flags.js';
import { checkAgainstIndex, checkAgainstRedis } from './index-file.js';
import { Output } from './output.js';
import { Progress } from './progress.js';
import { listInputs } from './walk.js';

export { type Io, isCi } from './environment.js';

/** Runs the CLI; resolves to the exit code (0 done, 1 duplicates with --fail-on-duplicates, 2 error). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === 'dedup') return runDedup(argv.slice(1), io);
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
    // Options and --out are checked before any input is read: a run must not fail on them after minutes.
    const options = await checkedOptions(args.options, args.stopwordsFile);
    output = await Output.open(args.out, io.stdout);
    const ids = await listInputs(args.paths, args.extensions, { warn, exclude: args.out });
    const records: RecordReading = { idField: args.idField, textField: args.textField, stdinIsJsonl: false };
    const anyRecords = ids.some((id) => isJsonl(id, records));
    // Files are indexed as they are read; their texts are kept once, for the renderers.
    let texts = new Map<string, string>();
    const threads =
      args.index !== undefined || args.redis !== undefined
        ? 1
        : args.threads === 'auto'
          ? await autoThreads(ids)
          : args.threads;
    async function* documents() {
      const reading = { stdin: io.stdin, warn, readFile: io.readFile, records };
      for await (const { id, text } of streamInputs(ids, reading)) {
        texts.set(id, text);
        if (progress.enabled) {
          const paragraphs = countParagraphs(text, options);
          if (anyRecords) progress.documentRead(paragraphs);
          else progress.fileRead(ids.length, paragraphs);
        }
        yield { id, text };
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
          ? await checkAgainstIndex(args.index, documents(), options, {
              lockTimeoutMs: args.lockTimeout * 1000,
              onWait: (holder) => warn(`neardup: ${args.index} is in use by ${holder}: waiting for it…`),
              stallMs: Number(io.env.NEARDUP_TEST_SAVE_STALL_MS ?? 0) || 0,
            })
          : await checkAgainstRedis(args.redis as string, documents(), options);
      report = checked.report;
      texts = checked.texts;
      if (checked.skipped > 0)
        progress.stage(`${checked.skipped} input(s) already indexed unchanged: skipped`);
    } else {
      report =
        threads > 1
          ? await findDuplicatesParallel(documents(), options, { threads, onProgress })
          : await findDuplicates(documents(), options, { onProgress });
    }
    progress.stage(`found ${report.stats.pairs} pairs in ${report.stats.ms} ms; writing ${args.format}…`);
    const color = args.out === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
    const chunks = render(args.format, report, texts, color);
    progress.end();
    await output.write(chunks);
    return args.failOnDuplicates && report.pairs.length > 0 ? 1 : 0;
  } catch (error) {
    await output?.discard();
    return failed(error, io, 'neardup --help');
  }
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
