// The HTML report's sections for groups: duplicate documents, repeated paragraphs (clusters) and
// repeated passages, each shown once with its places listed compactly (the rest behind a <details>).
import type { Cluster, DocumentGroup, RepeatedPassage } from '../types.js';
import type { ChunkBuffer } from './chunks.js';
import {
  andList,
  clusterHeadline,
  copies,
  documentCount,
  memberSentence,
  plural,
  type ReportGroups,
  thousands,
} from './grouping.js';
import { escapeHtml } from './html-document.js';
import { cutAt, oneLine } from './quote.js';
import { type DocumentTexts, textOf } from './texts.js';

/** Places listed inline before the rest are folded into a <details>. */
const INLINE_PLACES = 12;
/** Places listed at most in the <details>; past them a count (the JSON report lists every one). */
const FOLDED_PLACES = 500;

/** What the sections need from the HTML renderer. */
export interface HtmlContext {
  groups: ReportGroups;
  texts: DocumentTexts;
  maxQuote: number;
  /** A link to a paragraph: "doc:line ¶n". */
  place(doc: string, paragraph: number, to?: number): string;
  /** A document's name, linked to it when the page shows it. */
  docLink(doc: string): string;
}

/** Places as links: the first INLINE_PLACES, then the others folded, then a count of any left. */
export function placeList(length: number, at: (i: number) => string): string {
  const inline = Math.min(length, INLINE_PLACES);
  const parts = Array.from({ length: inline }, (_, i) => at(i));
  let html = parts.join(', ');
  if (length > inline) {
    const folded = Math.min(length, INLINE_PLACES + FOLDED_PLACES);
    const rest = Array.from({ length: folded - inline }, (_, i) => at(inline + i)).join(', ');
    const left = length - folded;
    const tail =
      left > 0
        ? `, <span class="note">and ${thousands(left)} more (the JSON report lists every one)</span>`
        : '';
    html += ` <details><summary>and ${thousands(length - inline)} more</summary>${rest}${tail}</details>`;
  }
  return `<div class="members">${html}</div>`;
}

/** "Duplicate documents": each document group once, as a sentence. */
export function* documentGroupSection(context: HtmlContext, out: ChunkBuffer): Generator<string> {
  const list = context.groups.report.documentGroups ?? [];
  if (list.length === 0) return;
  out.add(`<section id="groups"><h2>Duplicate documents: ${plural(list.length, 'group')}</h2><ol>`);
  for (const group of list) {
    out.add(groupHtml(group, context));
    if (out.full) yield out.take();
  }
  out.add('</ol></section>\n');
}

function groupHtml(group: DocumentGroup, context: HtmlContext): string {
  const size = plural(context.groups.wordParagraphs(group.representative), 'paragraph');
  const names = (from: number) =>
    placeList(group.members.length - from, (i) => context.docLink(group.members[from + i].doc));
  if (group.kind === 'exact') {
    const few = group.members.length <= 4;
    const who = few
      ? andList(group.members.map((m) => context.docLink(m.doc)))
      : `${thousands(group.members.length)} documents`;
    return `<li id="g${group.id}" class="group k-exact"><span class="badge">exact copies</span> ${who} are exact copies of one another <span class="figures">(${size} each)</span>${few ? '' : names(0)}</li>`;
  }
  const rep = context.docLink(group.representative);
  const others = group.members.slice(1);
  const items = others
    .slice(0, INLINE_PLACES + FOLDED_PLACES)
    .map(
      (m) => `<li>${context.docLink(m.doc)} is ${memberSentence(m, escapeHtml(group.representative))}</li>`,
    );
  const left = others.length - items.length;
  return [
    `<li id="g${group.id}" class="group k-near"><span class="badge">near copies</span> ${rep} <span class="figures">(${size})</span> and ${copies(others.length)} of it:`,
    `<ul>${items.join('')}${left > 0 ? `<li class="note">and ${thousands(left)} more</li>` : ''}</ul></li>`,
  ].join('');
}

/** "Repeated paragraphs": each cluster once, its first paragraph quoted, its members as links. */
export function* clusterSection(context: HtmlContext, out: ChunkBuffer): Generator<string> {
  const clusters = context.groups.listedClusters();
  if (clusters.length === 0) return;
  const covered = context.groups.coveredClusters.size;
  const note =
    covered > 0
      ? ` <span class="figures">(and ${thousands(covered)} inside duplicate documents, not listed again)</span>`
      : '';
  out.add(
    `<section id="clusters"><h2>Repeated paragraphs: ${plural(clusters.length, 'cluster')}${note}</h2><ol>`,
  );
  for (const cluster of clusters) {
    out.add(clusterHtml(cluster, context));
    if (out.full) yield out.take();
  }
  out.add('</ol></section>\n');
}

function clusterHtml(cluster: Cluster, context: HtmlContext): string {
  const rep = cluster.representative;
  const info = context.groups.paragraph(rep.doc, rep.paragraph);
  const quote = info
    ? quoteHtml(textOf(context.texts, rep.doc).slice(info.start, info.end), context.maxQuote)
    : '';
  const members = placeList(cluster.members.length, (i) => {
    const m = cluster.members[i];
    const figure =
      cluster.kind === 'near' && i > 0 ? ` <span class="figures">(${m.jaccard.toFixed(2)})</span>` : '';
    return `${context.place(m.doc, m.paragraph)}${figure}`;
  });
  const badge = cluster.kind === 'exact' ? 'exact copies' : 'near copies';
  return `<li id="c${cluster.id}" class="cluster k-${cluster.kind}"><span class="badge">${badge}</span> ${clusterHeadline(cluster)}:${quote}${members}</li>`;
}

/** "Repeated passages": each passage once, quoted, its occurrences as links. */
export function* passageSection(context: HtmlContext, out: ChunkBuffer): Generator<string> {
  const passages = context.groups.report.passages ?? [];
  if (passages.length === 0) return;
  out.add(`<section id="passages"><h2>Repeated passages: ${plural(passages.length, 'passage')}</h2><ol>`);
  for (const [k, passage] of passages.entries()) {
    out.add(passageHtml(passage, k, context));
    if (out.full) yield out.take();
  }
  out.add('</ol></section>\n');
}

function passageHtml(passage: RepeatedPassage, k: number, context: HtmlContext): string {
  const first = passage.occurrences[0];
  const quote = first
    ? quoteHtml(textOf(context.texts, first.doc).slice(first.span[0], first.span[1]), context.maxQuote)
    : '';
  const places = placeList(passage.occurrences.length, (i) => {
    const o = passage.occurrences[i];
    return context.place(o.doc, o.paragraph);
  });
  const docs = documentCount(passage.occurrences);
  return `<li id="passage-${k}" class="passage k-passage"><span class="badge">repeated passage</span> ${thousands(passage.words)} words found in ${plural(passage.occurrences.length, 'paragraph')} of ${plural(docs, 'document')}:${quote}${places}</li>`;
}

function quoteHtml(text: string, maxQuote: number): string {
  return `<blockquote class="quote">${escapeHtml(cutAt(oneLine(text), maxQuote))}</blockquote>`;
}
