import { describeValue, NearDupError } from '../errors.js';
import type { Block, Pair, Report } from '../types.js';
import { escapeControls, escapeName } from '../util/controls.js';
import { blockMembers } from './block-members.js';
import { ChunkBuffer, joinChunks } from './chunks.js';
import { foldBlocks, LISTED_MEMBERS, ReportGroups, standsFor, thousands } from './grouping.js';
import { quotable, sharedWords } from './quote.js';
import { clusterSection, documentGroupSection, passageSection, type TextContext } from './text-groups.js';
import { type DocumentTexts, lineIndex, textOf } from './texts.js';

export interface TextRenderOptions {
  /**
   * Longest quoted passage, in characters (an integer, at least 20): a longer one is shown as its
   * beginning and its end joined by " … ". Default 240.
   */
  maxQuote?: number;
  /** ANSI colours (the CLI turns them on only on a TTY and never with NO_COLOR). Default false. */
  color?: boolean;
}

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const KIND_COLOR = { exact: ANSI.red, near: ANSI.yellow, overlap: ANSI.cyan } as const;
/** Passages quoted per exact or near pair (an overlap shows all of its passages). */
const QUOTED_PER_COPY = 3;

/** What a block's pairs are: all copies (exact/near), all overlaps, or some of each. */
type BlockClass = 'copied' | 'passages' | 'mixed';
const HEADINGS: Record<BlockClass, string> = {
  copied: 'Copied blocks (runs of consecutive paragraphs repeated as exact or near duplicates):',
  passages: 'Blocks of shared passages (runs of consecutive paragraphs that share passages, not copies):',
  mixed: 'Mixed blocks (runs of consecutive paragraphs, some copied, some sharing passages):',
};

/**
 * A report for people. Paragraph numbers and lines are 1-based (the JSON report is 0-based): each place
 * reads `doc:line ¶paragraph`. Blocks come first, headed by what they are, each with its pairs; then the
 * pairs in no block. Every pair shows its kind, Jaccard, containment and edit similarity and quotes its
 * shared passages. `texts` are the documents' original texts by id, used to quote the passages and to find
 * line numbers. Ends with a summary line. Control characters in document ids and quoted passages are
 * written as escapes (`\x1b`, `\u009b`), so the report is safe to print on a terminal. A report too large
 * for one string is a REPORT_TOO_LARGE error: renderTextChunks gives the same text in chunks.
 */
export function renderText(report: Report, texts: DocumentTexts, options: TextRenderOptions = {}): string {
  return joinChunks(renderTextChunks(report, texts, options), 'renderText', 'renderTextChunks');
}

/**
 * renderText's text in chunks of about 64 K characters, for reports of any size: write them one by one
 * to a file or stream. Joined, the chunks equal renderText(report, texts, options).
 */
export function renderTextChunks(
  report: Report,
  texts: DocumentTexts,
  { maxQuote = 240, color = false }: TextRenderOptions = {},
): Generator<string> {
  if (!Number.isInteger(maxQuote) || maxQuote < 20) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: renderText option maxQuote must be an integer of at least 20, got ${describeValue(maxQuote)}`,
    );
  }
  return textChunks(report, texts, maxQuote, color);
}

function* textChunks(
  report: Report,
  texts: DocumentTexts,
  maxQuote: number,
  color: boolean,
): Generator<string> {
  const paint = (code: string, text: string) => (color ? `${code}${text}\x1b[0m` : text);
  const lineOf = lineFinder(report, texts);
  const place = (doc: string, from: number, to = from) =>
    from === to
      ? `${escapeName(doc)}:${lineOf(doc, from)} ¶${from + 1}`
      : `${escapeName(doc)}:${lineOf(doc, from)} ¶${from + 1}–${to + 1}`;
  const out = new ChunkBuffer();
  const line = (text: string) => out.add(`${text}\n`);
  const quote = (doc: string, start: number, end: number) =>
    paint(ANSI.dim, `“${escapeControls(quotable(textOf(texts, doc).slice(start, end), maxQuote))}”`);

  const pairLines = (pair: Pair, indent: string) => {
    const stands = standsFor(pair) && `   (${standsFor(pair)})`;
    line(
      `${indent}${paint(KIND_COLOR[pair.kind], `[${pair.kind}]`)} ${place(pair.a.doc, pair.a.paragraph)}  ⇄  ${place(pair.b.doc, pair.b.paragraph)}   ${figures(pair)}${stands}`,
    );
    const shown = pair.kind === 'overlap' ? pair.spans.length : Math.min(QUOTED_PER_COPY, pair.spans.length);
    for (let s = 0; s < shown; s++) {
      const span = pair.spans[s];
      line(`${indent}    ${sharedWords(span)}: ${quote(pair.a.doc, span.a[0], span.a[1])}`);
    }
    if (shown < pair.spans.length)
      line(`${indent}    … and ${pair.spans.length - shown} more shared passages`);
  };

  // Groups first: a document group says in one line what its clusters and blocks would say at length.
  const groups = new ReportGroups(report);
  const context: TextContext = {
    place: (doc, paragraph) => place(doc, paragraph),
    quote,
    bold: (text) => paint(ANSI.bold, text),
    kind: (kind, text) => paint(KIND_COLOR[kind], text),
    line,
  };
  documentGroupSection(groups, context);
  if (out.full) yield out.take();

  // Blocks are listed by class, one class after the other: each block's pairs are found once, and
  // each class is written as it is walked, so no list of lines grows with the report. A pair inside a
  // cluster is shown by its cluster, not under its block; blocks of such pairs only, from one range,
  // are folded into one line.
  const members = blockMembers(report);
  const inBlock = new Set<Pair>();
  const shownBlocks = report.blocks.filter((block) => {
    const pairs = members.get(block) ?? [];
    for (const pair of pairs) inBlock.add(pair);
    return !(groups.sameGroup(block.a.doc, block.b.doc) && pairs.every((p) => groups.clusterPairs.has(p)));
  });
  const classes = new Map(shownBlocks.map((block) => [block, classify(members.get(block) ?? [])]));
  for (const kind of ['copied', 'passages', 'mixed'] as const) {
    const ofKind = shownBlocks.filter((block) => classes.get(block) === kind);
    if (ofKind.length === 0) continue;
    line(paint(ANSI.bold, HEADINGS[kind]));
    for (const run of foldBlocks(ofKind, members, groups)) {
      const pairs = run.flatMap((block) => members.get(block) ?? []);
      const kinds = [...new Set(pairs.map((m) => m.kind))].map((k) => paint(KIND_COLOR[k], k)).join('/');
      const [block] = run;
      const a = place(block.a.doc, block.a.from, block.a.to);
      if (run.length === 1) {
        line(`  ${a}  ⇄  ${place(block.b.doc, block.b.from, block.b.to)}   ${blockFigures(block, kinds)}`);
      } else {
        const others = run.slice(0, LISTED_MEMBERS).map((b) => place(b.b.doc, b.b.from, b.b.to));
        const more =
          run.length > LISTED_MEMBERS ? ` … and ${thousands(run.length - LISTED_MEMBERS)} more` : '';
        line(
          `  ${a}  ⇄  ${thousands(run.length)} places: ${others.join(', ')}${more}   ${foldedFigures(run, kinds)}`,
        );
      }
      for (const pair of pairs) {
        if (!groups.clusterPairs.has(pair)) pairLines(pair, '    ');
        if (out.full) yield out.take();
      }
    }
    line('');
  }
  clusterSection(groups, context);
  if (out.full) yield out.take();
  passageSection(groups, context);
  const rest = report.pairs.filter((pair) => !inBlock.has(pair) && !groups.clusterPairs.has(pair));
  if (rest.length > 0) {
    line(paint(ANSI.bold, report.blocks.length > 0 ? 'Other flagged pairs:' : 'Flagged pairs:'));
    for (const pair of rest) {
      pairLines(pair, '  ');
      if (out.full) yield out.take();
    }
    line('');
  }
  line(summary(report));
  yield out.take();
}

/** One line: documents, paragraphs, pairs by kind, blocks, time. Paragraph numbers are 1-based. */
export function summary(report: Report): string {
  const count = (kind: Pair['kind']) => report.pairs.filter((p) => p.kind === kind).length;
  const { stats } = report;
  const found =
    stats.pairs === 0
      ? 'no near duplicates or overlaps'
      : `${stats.pairs} flagged pair(s) (${count('exact')} exact, ${count('near')} near, ${count('overlap')} overlap) in ${report.blocks.length} block(s)`;
  const grouped = [
    [report.clusters?.length ?? 0, 'cluster(s) of copies'],
    [report.passages?.length ?? 0, 'repeated passage(s)'],
    [report.documentGroups?.length ?? 0, 'document group(s)'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  const groups = grouped.length > 0 ? `, ${grouped.join(', ')}` : '';
  return `neardup: ${stats.documents} document(s), ${stats.paragraphs} paragraph(s): ${found}${groups}, ${stats.ms} ms. Lines and paragraph numbers are 1-based.`;
}

function figures(pair: Pair): string {
  return `Jaccard ${pair.jaccard.toFixed(2)}, containment ${pair.containment.toFixed(2)}, similarity ${pair.similarity.toFixed(2)}`;
}

function blockFigures(block: Block, kinds: string): string {
  return `${block.pairs} pairs, ${kinds}, mean Jaccard ${block.jaccard.toFixed(2)}`;
}

function foldedFigures(run: readonly Block[], kinds: string): string {
  const pairs = run.reduce((n, b) => n + b.pairs, 0);
  const mean = run.reduce((sum, b) => sum + b.jaccard * b.pairs, 0) / Math.max(1, pairs);
  return `${thousands(pairs)} pairs, ${kinds}, mean Jaccard ${mean.toFixed(2)}`;
}

function classify(pairs: readonly Pair[]): BlockClass {
  const overlaps = pairs.filter((p) => p.kind === 'overlap').length;
  if (overlaps === 0) return 'copied';
  return overlaps === pairs.length ? 'passages' : 'mixed';
}

/** Line (1-based) where paragraph `index` of document `doc` starts. */
function lineFinder(report: Report, texts: DocumentTexts): (doc: string, index: number) => number {
  const finders = new Map<string, (offset: number) => { line: number }>();
  const paragraphs = new Map(report.documents.map((d) => [d.id, d.paragraphs]));
  return (doc, index) => {
    let find = finders.get(doc);
    if (!find) {
      find = lineIndex(textOf(texts, doc));
      finders.set(doc, find);
    }
    return find(paragraphs.get(doc)?.[index]?.start ?? 0).line;
  };
}
