import type { Block, Pair, Report } from '../types.js';
import { type DocumentTexts, textOf } from './texts.js';

export interface TextRenderOptions {
  /** Longest quoted passage, in characters, before it is cut with an ellipsis. */
  maxQuote?: number;
}

/**
 * A report for people. Paragraph numbers are 1-based (the JSON report is 0-based). `texts` are the
 * documents' original texts by id, used to quote the shared passages.
 */
export function renderText(
  report: Report,
  texts: DocumentTexts,
  { maxQuote = 240 }: TextRenderOptions = {},
): string {
  const lines: string[] = [];
  const { stats } = report;
  lines.push(
    `neardup: ${stats.documents} document(s), ${stats.paragraphs} paragraph(s), ${stats.pairs} flagged pair(s) in ${report.blocks.length} block(s). Paragraph numbers are 1-based.`,
  );
  const inBlock = new Set<Pair>();
  if (report.blocks.length > 0) {
    lines.push('', 'Copied blocks (runs of consecutive paragraphs):');
    for (const block of report.blocks) {
      const members = report.pairs.filter((pair) => belongsTo(pair, block));
      for (const pair of members) inBlock.add(pair);
      const kinds = [...new Set(members.map((m) => m.kind))].join('/');
      lines.push(
        `  ${place(block.a.doc, block.a.from, block.a.to)}  ⇄  ${place(block.b.doc, block.b.from, block.b.to)}   ${block.pairs} pairs, ${kinds}, mean Jaccard ${block.jaccard.toFixed(2)}`,
      );
    }
  }
  const rest = report.pairs.filter((pair) => !inBlock.has(pair));
  if (rest.length > 0) {
    lines.push('', report.blocks.length > 0 ? 'Other flagged pairs:' : 'Flagged pairs:');
    for (const pair of rest) {
      lines.push(
        `  [${pair.kind}] ${place(pair.a.doc, pair.a.paragraph)}  ⇄  ${place(pair.b.doc, pair.b.paragraph)}   Jaccard ${pair.jaccard.toFixed(2)}, containment ${pair.containment.toFixed(2)}, similarity ${pair.similarity.toFixed(2)}`,
      );
      for (const span of pair.spans) {
        if (pair.kind !== 'overlap' && pair.spans.length > 3) break;
        const quote = collapse(textOf(texts, pair.a.doc).slice(span.a[0], span.a[1]));
        const shown = quote.length > maxQuote ? `${quote.slice(0, maxQuote - 1)}…` : quote;
        lines.push(`      ${span.words} shared words: “${shown}”`);
      }
    }
  }
  if (report.pairs.length === 0) lines.push('', 'No near duplicates or overlaps found.');
  return `${lines.join('\n')}\n`;
}

function place(doc: string, from: number, to = from): string {
  return from === to ? `${doc} ¶${from + 1}` : `${doc} ¶${from + 1}–${to + 1}`;
}

function belongsTo(pair: Pair, block: Block): boolean {
  const offset = pair.a.paragraph - block.a.from;
  return (
    pair.a.doc === block.a.doc &&
    pair.b.doc === block.b.doc &&
    offset >= 0 &&
    pair.a.paragraph <= block.a.to &&
    pair.b.paragraph === block.b.from + offset
  );
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
