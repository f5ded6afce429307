import type { Block, Pair, Report } from '../types.js';
import { ChunkBuffer, joinChunks } from './chunks.js';
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
 * input text and every document id is escaped. Paragraph numbers and lines are 1-based. A report too
 * large for one string is a REPORT_TOO_LARGE error: renderHtmlChunks gives the same page in chunks.
 */
export function renderHtml(report: Report, texts: DocumentTexts, options: HtmlRenderOptions = {}): string {
  return joinChunks(renderHtmlChunks(report, texts, options), 'renderHtml', 'renderHtmlChunks');
}

/**
 * renderHtml's page in chunks of about 64 K characters, for reports of any size: write them one by one
 * to a file or stream. Joined, the chunks equal renderHtml(report, texts, options).
 */
export function* renderHtmlChunks(
  report: Report,
  texts: DocumentTexts,
  { title = 'neardup report', maxQuote = 240 }: HtmlRenderOptions = {},
): Generator<string> {
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
  const flagged = flaggedParagraphs(report);
  const shown = report.documents.filter((d) => flagged.has(d.id));
  const out = new ChunkBuffer();
  const line = (text: string) => out.add(`${text}\n`);
  line('<!doctype html>');
  line('<html lang="en">');
  line('<head>');
  line('<meta charset="utf-8">');
  line(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
  );
  line('<meta name="viewport" content="width=device-width, initial-scale=1">');
  line(`<title>${escapeHtml(title)}</title>`);
  line(`<style>${HTML_STYLE}</style>`);
  line('</head>');
  line('<body>');
  line(`<header><h1>${escapeHtml(title)}</h1>${summaryHtml(report)}</header>`);
  if (report.blocks.length > 0) {
    out.add('<section id="blocks"><h2>Blocks: runs of consecutive flagged paragraphs</h2><ol>');
    for (const block of report.blocks) {
      out.add(blockHtml(block, place));
      if (out.full) yield out.take();
    }
    out.add('</ol></section>');
  }
  out.add('\n');
  if (report.pairs.length === 0) {
    out.add('<section id="pairs"><h2>Flagged pairs</h2><p>No near duplicates or overlaps.</p></section>');
  } else {
    out.add('<section id="pairs"><h2>Flagged pairs</h2><ol start="1">');
    for (const [p, pair] of report.pairs.entries()) {
      out.add(pairHtml(pair, p, texts, place, maxQuote));
      if (out.full) yield out.take();
    }
    out.add('</ol></section>');
  }
  out.add('\n');
  line('<section id="documents"><h2>Documents</h2>');
  line(
    shown.length < report.documents.length
      ? `<p class="note">${report.documents.length - shown.length} document(s) without flagged paragraphs are not shown.</p>`
      : '',
  );
  out.add('<div class="docs">');
  for (const doc of shown) {
    const text = textOf(texts, doc.id);
    documentHtml(report, doc.id, text, docIndex, sides.get(doc.id) ?? [], flagged.get(doc.id), out);
    if (out.full) yield out.take();
  }
  line('</div>');
  line('</section>');
  line('</body>');
  line('</html>');
  yield out.take();
}

/** The flagged paragraphs of each document with any, found in one pass over the pairs. */
function flaggedParagraphs(report: Report): Map<string, Set<number>> {
  const flagged = new Map<string, Set<number>>();
  const add = (doc: string, paragraph: number) => {
    const set = flagged.get(doc);
    if (set) set.add(paragraph);
    else flagged.set(doc, new Set([paragraph]));
  };
  for (const pair of report.pairs) {
    add(pair.a.doc, pair.a.paragraph);
    add(pair.b.doc, pair.b.paragraph);
  }
  return flagged;
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

function blockHtml(block: Block, place: Place): string {
  return `<li>${place(block.a.doc, block.a.from, block.a.to)} ⇄ ${place(block.b.doc, block.b.from, block.b.to)} <span class="figures">${block.pairs} pairs, mean Jaccard ${block.jaccard.toFixed(2)}</span></li>`;
}

function pairHtml(pair: Pair, p: number, texts: DocumentTexts, place: Place, maxQuote: number): string {
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
}
