import type { Block, Pair, Report } from '../types.js';
import { type DocumentTexts, lineIndex, textOf } from './texts.js';

export interface TextRenderOptions {
  /** Longest quoted passage, in characters, before it is cut with an ellipsis. Default 240. */
  maxQuote?: number;
  /** ANSI colours (the CLI turns them on only on a TTY and never with NO_COLOR). Default false. */
  color?: boolean;
}

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const KIND_COLOR = { exact: ANSI.red, near: ANSI.yellow, overlap: ANSI.cyan } as const;

/**
 * A report for people. Paragraph numbers and lines are 1-based (the JSON report is 0-based): each place
 * reads `doc:line ¶paragraph`. `texts` are the documents' original texts by id, used to quote the shared
 * passages and to find line numbers. Ends with a summary line.
 */
export function renderText(
  report: Report,
  texts: DocumentTexts,
  { maxQuote = 240, color = false }: TextRenderOptions = {},
): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}\x1b[0m` : text);
  const lineOf = lineFinder(report, texts);
  const place = (doc: string, from: number, to = from) =>
    from === to
      ? `${doc}:${lineOf(doc, from)} ¶${from + 1}`
      : `${doc}:${lineOf(doc, from)} ¶${from + 1}–${to + 1}`;
  const lines: string[] = [];
  const inBlock = new Set<Pair>();
  const byPlaces = new Map(
    report.pairs.map((pair) => [placesKey(pair.a.doc, pair.a.paragraph, pair.b.doc, pair.b.paragraph), pair]),
  );
  if (report.blocks.length > 0) {
    lines.push(paint(ANSI.bold, 'Copied blocks (runs of consecutive paragraphs):'));
    for (const block of report.blocks) {
      const members = blockPairs(block, byPlaces);
      for (const pair of members) inBlock.add(pair);
      const kinds = [...new Set(members.map((m) => m.kind))].join('/');
      lines.push(
        `  ${place(block.a.doc, block.a.from, block.a.to)}  ⇄  ${place(block.b.doc, block.b.from, block.b.to)}   ${block.pairs} pairs, ${kinds}, mean Jaccard ${block.jaccard.toFixed(2)}`,
      );
    }
    lines.push('');
  }
  const rest = report.pairs.filter((pair) => !inBlock.has(pair));
  if (rest.length > 0) {
    lines.push(paint(ANSI.bold, report.blocks.length > 0 ? 'Other flagged pairs:' : 'Flagged pairs:'));
    for (const pair of rest) {
      lines.push(
        `  ${paint(KIND_COLOR[pair.kind], `[${pair.kind}]`)} ${place(pair.a.doc, pair.a.paragraph)}  ⇄  ${place(pair.b.doc, pair.b.paragraph)}   Jaccard ${pair.jaccard.toFixed(2)}, containment ${pair.containment.toFixed(2)}, similarity ${pair.similarity.toFixed(2)}`,
      );
      const shown = pair.kind === 'overlap' ? pair.spans : pair.spans.slice(0, 3);
      for (const span of shown) {
        const quote = collapse(textOf(texts, pair.a.doc).slice(span.a[0], span.a[1]));
        const cut = quote.length > maxQuote ? `${quote.slice(0, maxQuote - 1)}…` : quote;
        lines.push(`      ${span.words} shared words: ${paint(ANSI.dim, `“${cut}”`)}`);
      }
      if (shown.length < pair.spans.length)
        lines.push(`      … and ${pair.spans.length - shown.length} more shared passages`);
    }
    lines.push('');
  }
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

/** One line: documents, paragraphs, pairs by kind, blocks, time. Paragraph numbers are 1-based. */
export function summary(report: Report): string {
  const count = (kind: Pair['kind']) => report.pairs.filter((p) => p.kind === kind).length;
  const { stats } = report;
  const found =
    stats.pairs === 0
      ? 'no near duplicates or overlaps'
      : `${stats.pairs} flagged pair(s) (${count('exact')} exact, ${count('near')} near, ${count('overlap')} overlap) in ${report.blocks.length} block(s)`;
  return `neardup: ${stats.documents} document(s), ${stats.paragraphs} paragraph(s): ${found}, ${stats.ms} ms. Lines and paragraph numbers are 1-based.`;
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

function placesKey(aDoc: string, aParagraph: number, bDoc: string, bParagraph: number): string {
  return `${aDoc}\u0000${aParagraph}\u0000${bDoc}\u0000${bParagraph}`;
}

/** The pairs of a block, looked up by place: linear in the block, not in the report. */
function blockPairs(block: Block, byPlaces: ReadonlyMap<string, Pair>): Pair[] {
  const members: Pair[] = [];
  for (let offset = 0; offset < block.pairs; offset++) {
    const pair = byPlaces.get(
      placesKey(block.a.doc, block.a.from + offset, block.b.doc, block.b.from + offset),
    );
    if (pair) members.push(pair);
  }
  return members;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
