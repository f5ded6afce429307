import type { Block, Pair, Report } from '../types.js';
import { spanSidesByDocument } from './highlights.js';
import { documentHtml, documentIndexes, escapeHtml, HTML_STYLE } from './html-document.js';
import { cutAt, oneLine, sharedWords } from './quote.js';
import { type DocumentTexts, lineIndex, textOf } from './texts.js';

export interface HtmlRenderOptions {
  /** The page title. Default 'neardup report'. */
  title?: string;
  /** Longest quoted passage in the list of pairs, in characters. Default 240. */
  maxQuote?: number;
}

const KIND_LABEL = { exact: 'exact copy', near: 'near duplicate', overlap: 'shared passage' } as const;

/**
 * The report as one self-contained HTML page: a summary, the blocks and pairs, and the flagged
 * documents side by side with every shared passage highlighted and linked to its counterpart.
 * It loads nothing and runs no script (its Content-Security-Policy forbids both), and every piece of
 * input text and every document id is escaped. Paragraph numbers and lines are 1-based.
 */
export function renderHtml(
  report: Report,
  texts: DocumentTexts,
  { title = 'neardup report', maxQuote = 240 }: HtmlRenderOptions = {},
): string {
  const docIndex = documentIndexes(report);
  const sides = spanSidesByDocument(report);
  const lines = new Map<string, (offset: number) => { line: number }>();
  const lineOf = (doc: string, paragraph: number) => {
    let find = lines.get(doc);
    if (!find) {
      find = lineIndex(textOf(texts, doc));
      lines.set(doc, find);
    }
    const start = report.documents[docIndex.get(doc) ?? -1]?.paragraphs[paragraph]?.start ?? 0;
    return find(start).line;
  };
  const place = (doc: string, paragraph: number, to = paragraph) =>
    `<a href="#d${docIndex.get(doc)}-p${paragraph}">${escapeHtml(doc)}:${lineOf(doc, paragraph)} ¶${paragraph + 1}${
      to === paragraph ? '' : `–${to + 1}`
    }</a>`;
  const flagged = new Set(report.pairs.flatMap((p) => [p.a.doc, p.b.doc]));
  const shown = report.documents.filter((d) => flagged.has(d.id));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(title)}</h1>${summaryHtml(report)}</header>`,
    blocksHtml(report.blocks, place),
    pairsHtml(report, texts, place, maxQuote),
    '<section id="documents"><h2>Documents</h2>',
    shown.length < report.documents.length
      ? `<p class="note">${report.documents.length - shown.length} document(s) without flagged paragraphs are not shown.</p>`
      : '',
    `<div class="docs">${shown.map((doc) => documentHtml(report, doc.id, textOf(texts, doc.id), docIndex, sides.get(doc.id) ?? [])).join('')}</div>`,
    '</section>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

type Place = (doc: string, paragraph: number, to?: number) => string;

function summaryHtml(report: Report): string {
  const count = (kind: Pair['kind']) => report.pairs.filter((p) => p.kind === kind).length;
  const { stats, options } = report;
  const item = (term: string, value: string | number) =>
    `<dt>${term}</dt><dd>${escapeHtml(String(value))}</dd>`;
  return [
    '<dl class="summary">',
    item('documents', stats.documents),
    item('paragraphs', stats.paragraphs),
    item('flagged pairs', stats.pairs),
    item('exact / near / overlap', `${count('exact')} / ${count('near')} / ${count('overlap')}`),
    item('blocks', report.blocks.length),
    item('threshold (Jaccard)', options.threshold),
    item('min. overlap (words)', options.minOverlapWords),
    item('time', `${stats.ms} ms`),
    '</dl>',
    '<p class="note">Paragraph numbers and lines are 1-based. Click a highlighted passage to jump to its counterpart.</p>',
  ].join('');
}

function blocksHtml(blocks: readonly Block[], place: Place): string {
  if (blocks.length === 0) return '';
  const rows = blocks.map(
    (block) =>
      `<li>${place(block.a.doc, block.a.from, block.a.to)} ⇄ ${place(block.b.doc, block.b.from, block.b.to)} <span class="figures">${block.pairs} pairs, mean Jaccard ${block.jaccard.toFixed(2)}</span></li>`,
  );
  return `<section id="blocks"><h2>Blocks: runs of consecutive flagged paragraphs</h2><ol>${rows.join('')}</ol></section>`;
}

function pairsHtml(report: Report, texts: DocumentTexts, place: Place, maxQuote: number): string {
  if (report.pairs.length === 0) {
    return '<section id="pairs"><h2>Flagged pairs</h2><p>No near duplicates or overlaps.</p></section>';
  }
  const rows = report.pairs.map((pair, p) => {
    const source = textOf(texts, pair.a.doc);
    const quotes = pair.spans.slice(0, pair.kind === 'overlap' ? pair.spans.length : 1).map((span, s) => {
      const cut = cutAt(oneLine(source.slice(span.a[0], span.a[1])), maxQuote);
      return `<li><a href="#h${p}-${s}-a">${sharedWords(span)}</a>: <q>${escapeHtml(cut)}</q></li>`;
    });
    return [
      `<li id="pair-${p}" class="pair k-${pair.kind}">`,
      `<span class="badge">${KIND_LABEL[pair.kind]}</span> `,
      `${place(pair.a.doc, pair.a.paragraph)} ⇄ ${place(pair.b.doc, pair.b.paragraph)} `,
      `<span class="figures">Jaccard ${pair.jaccard.toFixed(2)}, containment ${pair.containment.toFixed(2)}, similarity ${pair.similarity.toFixed(2)}</span>`,
      quotes.length > 0 ? `<ul class="quotes">${quotes.join('')}</ul>` : '',
      '</li>',
    ].join('');
  });
  return `<section id="pairs"><h2>Flagged pairs</h2><ol start="1">${rows.join('')}</ol></section>`;
}
