import type { Block, Pair, Report } from '../types.js';
import { blockMembers } from './block-members.js';
import { ChunkBuffer, joinChunks } from './chunks.js';
import { foldBlocks, plural, ReportGroups, standsFor, thousands } from './grouping.js';
import { spanSidesByDocument } from './highlights.js';
import { compactDocumentHtml, SIDE_BY_SIDE_DOCUMENTS } from './html-compact.js';
import { documentHtml, documentIndexes, escapeHtml, HTML_STYLE } from './html-document.js';
import {
  clusterSection,
  documentGroupSection,
  type HtmlContext,
  passageSection,
  placeList,
} from './html-groups.js';
import { cutAt, oneLine, sharedWords } from './quote.js';
import { type DocumentTexts, lineIndex, textOf } from './texts.js';

export interface HtmlRenderOptions {
  /** The page title. Default 'neardup report'. */
  title?: string;
  /** Longest quoted passage in the list of pairs, in characters. Default 240. */
  maxQuote?: number;
}

/** More pairs than this (outside clusters) are listed inside a collapsed <details>. */
export const OPEN_PAIRS = 200;

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
  const groups = new ReportGroups(report);
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
  const docLink = (doc: string) =>
    flagged.has(doc) ? `<a href="#d${docIndex.get(doc)}">${escapeHtml(doc)}</a>` : escapeHtml(doc);
  const context: HtmlContext = { groups, texts, maxQuote, place, docLink };
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
  line(`<header><h1>${escapeHtml(title)}</h1>${summaryHtml(report, shown.length)}</header>`);
  yield* documentGroupSection(context, out);
  const members = blockMembers(report);
  const blocks = report.blocks.filter(
    (b) =>
      !(
        groups.sameGroup(b.a.doc, b.b.doc) && (members.get(b) ?? []).every((p) => groups.clusterPairs.has(p))
      ),
  );
  if (blocks.length > 0) {
    out.add('<section id="blocks"><h2>Blocks: runs of consecutive flagged paragraphs</h2><ol>');
    for (const run of foldBlocks(blocks, members, groups)) {
      out.add(blockHtml(run, place));
      if (out.full) yield out.take();
    }
    out.add('</ol></section>');
  }
  out.add('\n');
  yield* clusterSection(context, out);
  yield* passageSection(context, out);
  const listed = report.pairs.filter((pair) => !groups.clusterPairs.has(pair)).length;
  if (report.pairs.length === 0 && (report.passages ?? []).length === 0) {
    out.add('<section id="pairs"><h2>Flagged pairs</h2><p>No near duplicates or overlaps.</p></section>');
  } else if (listed > 0) {
    const heading = listed < report.pairs.length ? 'Other flagged pairs' : 'Flagged pairs';
    // Thousands of pairs: listed collapsed, so the page lays out only what the reader opens.
    const fold = listed > OPEN_PAIRS;
    out.add(`<section id="pairs"><h2>${heading}: ${thousands(listed)}</h2>`);
    if (fold)
      out.add(
        `<details class="pairlist"><summary>${pairCounts(report, groups)}: open to list them</summary>`,
      );
    out.add('<ol start="1">');
    for (const [p, pair] of report.pairs.entries()) {
      if (groups.clusterPairs.has(pair)) continue;
      out.add(pairHtml(pair, p, texts, place, maxQuote));
      if (out.full) yield out.take();
    }
    out.add(fold ? '</ol></details></section>' : '</ol></section>');
  }
  out.add('\n');
  line('<section id="documents"><h2>Documents</h2>');
  line(
    shown.length < report.documents.length
      ? `<p class="note">${report.documents.length - shown.length} document(s) without flagged paragraphs are not shown.</p>`
      : '',
  );
  if (shown.length <= SIDE_BY_SIDE_DOCUMENTS) {
    out.add('<div class="docs">');
    for (const doc of shown) {
      const text = textOf(texts, doc.id);
      documentHtml(report, doc.id, text, docIndex, sides.get(doc.id) ?? [], flagged.get(doc.id), out);
      if (out.full) yield out.take();
    }
    line('</div>');
  } else {
    // Hundreds of documents: each collapsed, its flagged paragraphs only, an exact copy's text once.
    line(`<p class="note">${shown.length} documents, collapsed: open one to see its flagged paragraphs.</p>`);
    out.add('<div class="doclist">');
    const stubs = copyStubs(report, groups, place);
    for (const doc of shown) {
      const d = docIndex.get(doc.id) ?? 0;
      const marked = flagged.get(doc.id) ?? new Set<number>();
      const summary = documentSummary(doc.paragraphs.length, marked.size, groups, doc.id);
      const own = stubs.get(doc.id) ?? new Map<number, string>();
      compactDocumentHtml(
        report,
        d,
        textOf(texts, doc.id),
        sides.get(doc.id) ?? [],
        marked,
        own,
        summary,
        out,
      );
      if (out.full) yield out.take();
    }
    line('</div>');
  }
  line('</section>');
  line('</body>');
  line('</html>');
  yield out.take();
}

/**
 * For each document, the line shown instead of each paragraph that is an exact copy of its cluster's first
 * paragraph: the text is on the page once, there.
 */
function copyStubs(report: Report, groups: ReportGroups, place: Place): Map<string, Map<number, string>> {
  const stubs = new Map<string, Map<number, string>>();
  for (const cluster of report.clusters ?? []) {
    if (cluster.kind !== 'exact') continue;
    const rep = cluster.representative;
    const where = groups.coveredClusters.has(cluster.id)
      ? `<a href="#g${groups.groupOf.get(rep.doc)?.id}">duplicate documents</a>`
      : `<a href="#c${cluster.id}">cluster of ${cluster.members.length}</a>`;
    const stub = `exact copy of ${place(rep.doc, rep.paragraph)} (${where})`;
    for (const member of cluster.members.slice(1)) {
      let own = stubs.get(member.doc);
      if (own === undefined) {
        own = new Map();
        stubs.set(member.doc, own);
      }
      own.set(member.paragraph, stub);
    }
  }
  return stubs;
}

/** The line beside a collapsed document's name: paragraphs, flagged, its document group. */
function documentSummary(paragraphs: number, flagged: number, groups: ReportGroups, doc: string): string {
  const group = groups.groupOf.get(doc);
  const copy =
    group === undefined
      ? ''
      : group.representative === doc
        ? `; has ${group.members.length - 1} ${group.kind} cop${group.members.length === 2 ? 'y' : 'ies'}`
        : `; ${group.kind === 'exact' ? 'an exact' : 'a near'} copy of ${escapeHtml(group.representative)}`;
  return `${plural(paragraphs, 'paragraph')}, ${thousands(flagged)} flagged${copy}`;
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
  for (const cluster of report.clusters ?? []) for (const m of cluster.members) add(m.doc, m.paragraph);
  for (const passage of report.passages ?? []) for (const o of passage.occurrences) add(o.doc, o.paragraph);
  return flagged;
}

type Place = (doc: string, paragraph: number, to?: number) => string;

/** "6,497 pairs: 679 near, 5,818 overlap" for the pairs outside clusters. */
function pairCounts(report: Report, groups: ReportGroups): string {
  const counts = { exact: 0, near: 0, overlap: 0 };
  for (const pair of report.pairs) if (!groups.clusterPairs.has(pair)) counts[pair.kind]++;
  const total = counts.exact + counts.near + counts.overlap;
  const parts = (['exact', 'near', 'overlap'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${thousands(counts[kind])} ${kind}`);
  return `${plural(total, 'pair')}: ${parts.join(', ')}`;
}

function summaryHtml(report: Report, shown: number): string {
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
    item('clusters of copies', report.clusters?.length ?? 0),
    item('repeated passages', report.passages?.length ?? 0),
    item('document groups', report.documentGroups?.length ?? 0),
    item('documents shown', shown),
    item('threshold (Jaccard)', options.threshold),
    item('min. overlap (words)', options.minOverlapWords),
    item('time', `${stats.ms} ms`),
    '</dl>',
    '<p class="note">Paragraph numbers and lines are 1-based. Click a highlighted passage to jump to its counterpart.</p>',
  ].join('');
}

/** A block, or blocks of copies from one range folded into one item (see foldBlocks). */
function blockHtml(run: readonly Block[], place: Place): string {
  const [block] = run;
  const a = place(block.a.doc, block.a.from, block.a.to);
  if (run.length === 1) {
    return `<li>${a} ⇄ ${place(block.b.doc, block.b.from, block.b.to)} <span class="figures">${block.pairs} pairs, mean Jaccard ${block.jaccard.toFixed(2)}</span></li>`;
  }
  const pairs = run.reduce((n, b) => n + b.pairs, 0);
  const mean = run.reduce((sum, b) => sum + b.jaccard * b.pairs, 0) / Math.max(1, pairs);
  const places = placeList(run.length, (i) => place(run[i].b.doc, run[i].b.from, run[i].b.to));
  return `<li>${a} ⇄ ${thousands(run.length)} places <span class="figures">${thousands(pairs)} pairs, mean Jaccard ${mean.toFixed(2)}</span>${places}</li>`;
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
    `<span class="figures">Jaccard ${pair.jaccard.toFixed(2)}, containment ${pair.containment.toFixed(2)}, similarity ${pair.similarity.toFixed(2)}${standsFor(pair) && ` (${standsFor(pair)})`}</span>`,
    quotes.length > 0 ? `<ul class="quotes">${quotes.join('')}</ul>` : '',
    '</li>',
  ].join('');
}
