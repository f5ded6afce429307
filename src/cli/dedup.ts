// `neardup dedup`: reads the corpus once to find the copies, decides what goes (dedup-plan.ts), then
// reads it again to write what stays, so no record is held twice (standard input is held, once).
import { findDuplicates, type Report, splitParagraphs } from '../index.js';
import { findDuplicatesParallel } from '../node/index.js';
import { escapeControls } from '../util/controls.js';
import { DEDUP_USAGE, type DedupArgs, parseDedup } from './dedup-args.js';
import { type DedupPlan, groupLines, planDedup } from './dedup-plan.js';
import { editedLine, hasWordsLeft, keptText, removedJson } from './dedup-records.js';
import { autoThreads, countParagraphs, failed, type Io, isCi, say } from './environment.js';
import { type InputDocument, type RecordReading, streamInputs } from './files.js';
import { checkedOptions } from './flags.js';
import { Output } from './output.js';
import { count, Progress } from './progress.js';
import { readAll, replayable } from './stdin.js';
import { InputError, listInputs } from './walk.js';

/** Runs `neardup dedup`; resolves to the exit code (0 done, 2 error). */
export async function runDedup(argv: readonly string[], io: Io): Promise<number> {
  const outputs: Output[] = [];
  try {
    const args = parseDedup(argv);
    if (args.help) return await say(io.stdout, DEDUP_USAGE).then(() => 0);
    const started = Date.now();
    const progress = new Progress(io.stderr, args.progress || (io.stderr.isTTY === true && !isCi(io.env)));
    const warn = (message: string) => {
      progress.end();
      io.stderr.write(`${escapeControls(message)}\n`);
    };
    const options = await checkedOptions(args.options, args.stopwordsFile);
    const out = await Output.open(args.out, io.stdout);
    outputs.push(out);
    const clusters =
      args.clusters === undefined ? undefined : await Output.open(args.clusters, io.stdout, '--clusters');
    if (clusters) outputs.push(clusters);
    const inputs = await listInputs(args.paths, args.extensions, {
      warn,
      exclude: [args.out, args.clusters],
    });
    // Standard input cannot be read twice: it is held (as bytes) for the second pass.
    const stdin = inputs.includes('-') ? replayable(await readAll(io.stdin)) : undefined;
    const records: RecordReading = {
      idField: args.idField,
      textField: args.textField,
      stdinIsJsonl: true,
      reservedField: args.level === 'paragraph' ? args.removedField : undefined,
    };
    const read = (quiet: boolean) =>
      streamInputs(inputs, {
        stdin: stdin?.() ?? io.stdin,
        warn: quiet ? () => {} : warn,
        readFile: io.readFile,
        records,
      });
    const lengths: number[] = [];
    async function* documents() {
      for await (const { id, text } of read(false)) {
        lengths.push(text.length);
        if (progress.enabled) progress.documentRead(countParagraphs(text, options));
        yield { id, text };
      }
      progress.stage(`finding copies among ${count(lengths.length)} documents…`);
    }
    const threads = args.threads === 'auto' ? await autoThreads(inputs) : args.threads;
    const onProgress = progress.enabled
      ? (verified: number, total: number) => progress.verifying(verified, total)
      : undefined;
    const report =
      threads > 1
        ? await findDuplicatesParallel(documents(), options, { threads, onProgress })
        : await findDuplicates(documents(), options, { onProgress });
    const plan = planDedup(report, args.level, args.match, args.keep);
    progress.stage(`writing the kept documents…`);
    const tally = new Tally();
    await out.fill(keptLines(read(true), report, plan, args, lengths, tally));
    if (clusters) await clusters.fill(groupLines(plan));
    for (const output of outputs) await output.commit();
    progress.end();
    await say(io.stderr, tally.summary(args, plan, (Date.now() - started) / 1000));
    return 0;
  } catch (error) {
    for (const output of outputs) await output.discard();
    return failed(error, io, 'neardup dedup --help');
  }
}

/**
 * The second pass: each kept document as one JSONL line, in input order. Each document must be the one
 * of the first pass (same id, same length): an input changed in between stops the run.
 */
async function* keptLines(
  documents: AsyncIterable<InputDocument>,
  report: Report,
  plan: DedupPlan,
  args: DedupArgs,
  lengths: readonly number[],
  tally: Tally,
): AsyncGenerator<string> {
  let d = 0;
  for await (const doc of documents) {
    const entry = report.documents[d];
    if (entry === undefined || entry.id !== doc.id || lengths[d] !== doc.text.length) {
      throw new InputError(
        `neardup: ${JSON.stringify(doc.input)} changed while neardup dedup was reading it; run again`,
      );
    }
    const paragraphs =
      args.level === 'paragraph' || args.match === 'paragraphs' ? entry.paragraphs : undefined;
    const line = keptLine(doc, entry.paragraphs, plan, d, args);
    tally.add(doc.text, line?.text, paragraphs?.length ?? splitParagraphs(doc.text).length, line?.paragraphs);
    if (line !== undefined) yield `${line.json}\n`;
    d++;
  }
  if (d !== report.documents.length) {
    throw new InputError(
      'neardup: an input changed while neardup dedup was reading it (fewer documents); run again',
    );
  }
}

/** One document's output line, its text and its paragraphs left; undefined when it is dropped. */
function keptLine(
  doc: InputDocument,
  paragraphs: Report['documents'][number]['paragraphs'],
  plan: DedupPlan,
  d: number,
  args: DedupArgs,
): { json: string; text: string; paragraphs?: number } | undefined {
  if (plan.dropped[d] === 1) return undefined;
  const idField = args.idField ?? 'id';
  if (args.level === 'document') {
    const json = doc.raw ?? JSON.stringify({ [idField]: doc.id, [args.textField]: doc.text });
    return { json, text: doc.text };
  }
  const removals = plan.removals.get(d) ?? [];
  const removed = new Set(removals.map((r) => r.paragraph));
  if (removed.size > 0 && !hasWordsLeft(paragraphs, removed)) return undefined; // nothing of its own left
  const text = removed.size > 0 ? keptText(doc.text, paragraphs, removed) : doc.text;
  const listed = removedJson(paragraphs, removals);
  const json =
    doc.raw === undefined
      ? `${JSON.stringify({ [idField]: doc.id, [args.textField]: text }).slice(0, -1)},${JSON.stringify(args.removedField)}:${listed}}`
      : editedLine(doc.raw, args.textField, text, args.removedField, listed);
  return { json, text, paragraphs: paragraphs.length - removed.size };
}

/** Documents, paragraphs and text bytes in and out, for the summary. */
class Tally {
  documentsIn = 0;
  documentsOut = 0;
  paragraphsIn = 0;
  paragraphsOut = 0;
  bytesIn = 0;
  bytesOut = 0;

  add(textIn: string, textOut: string | undefined, paragraphsIn: number, paragraphsOut?: number): void {
    this.documentsIn++;
    this.paragraphsIn += paragraphsIn;
    this.bytesIn += Buffer.byteLength(textIn);
    if (textOut === undefined) return;
    this.documentsOut++;
    this.paragraphsOut += paragraphsOut ?? paragraphsIn;
    this.bytesOut += textOut === textIn ? Buffer.byteLength(textIn) : Buffer.byteLength(textOut);
  }

  summary(args: DedupArgs, plan: DedupPlan, seconds: number): string {
    const removedBytes = this.bytesIn - this.bytesOut;
    const share = this.bytesIn > 0 ? ` (${((100 * removedBytes) / this.bytesIn).toFixed(1)}%)` : '';
    const groups = `${count(plan.groups.length)} group(s) of copies`;
    const what =
      args.level === 'document'
        ? `${count(this.documentsIn)} documents in, ${count(this.documentsOut)} out (${count(plan.removed)} removed as copies, ${groups}); ${count(this.paragraphsIn)} paragraphs in, ${count(this.paragraphsOut)} out`
        : `${count(this.documentsIn)} documents in, ${count(this.documentsOut)} out${this.documentsIn > this.documentsOut ? ` (${count(this.documentsIn - this.documentsOut)} left without words of their own, dropped)` : ''}; ${count(this.paragraphsIn)} paragraphs in, ${count(this.paragraphsOut)} out (${count(plan.removed)} removed as copies, ${groups})`;
    return `neardup: dedup --level ${args.level}: ${what}; ${bytes(removedBytes)} of ${bytes(this.bytesIn)} of text removed${share}; ${seconds.toFixed(1)} s`;
  }
}

/** Bytes as "512 B", "12.3 kB", "4.5 MB", "1.2 GB" (powers of 1,000). */
function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
