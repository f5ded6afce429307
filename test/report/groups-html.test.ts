// The HTML report of a version 2 report: groups shown once with compact place lists, and, past a few
// documents, each document collapsed with its flagged paragraphs only (hand-built reports).
import { describe, expect, it } from 'vitest';
import { renderHtml, renderHtmlChunks } from '../../src/index.js';
import { escapeHtml } from '../../src/report/html-document.js';
import { GRANT, groupedCorpus, handReport } from './hand-report.js';

/** Every in-page link target and every id of the page. */
function links(html: string): { targets: string[]; ids: Set<string> } {
  return {
    targets: [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]),
    ids: new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])),
  };
}

const decode = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|lt|gt|quot|amp);/g, (_, ref: string) =>
      ref.startsWith('#')
        ? String.fromCharCode(Number(ref.slice(1)))
        : { lt: '<', gt: '>', quot: '"', amp: '&' }[ref]!,
    );

describe('renderHtml: groups', () => {
  const { report, texts } = groupedCorpus(300);
  const html = renderHtml(report, texts);

  it('lists duplicate documents, clusters and passages once each, with counts', () => {
    expect(html).toContain('<h2>Duplicate documents: 2 groups</h2>');
    expect(html).toMatch(
      /<a href="#d\d+">libc-bin<\/a> and <a href="#d\d+">libc6<\/a> are exact copies of one another/,
    );
    expect(html).toContain('is a.md with 1 paragraph changed and 1 added');
    expect(html).toContain(
      '<h2>Repeated paragraphs: 3 clusters <span class="figures">(and 3 inside duplicate documents, not listed again)</span></h2>',
    );
    expect(html.match(/<li id="c\d+" class="cluster/g)).toHaveLength(3);
    expect(html).toContain(
      `this paragraph appears in 300 documents:<blockquote class="quote">${escapeHtml(GRANT)}</blockquote>`,
    );
    expect(html.match(/<li id="passage-\d+"/g)).toHaveLength(1);
    expect(html).toContain('13 words found in 300 paragraphs of 300 documents');
  });

  it('lists the first members inline and folds the rest into a <details>', () => {
    const cluster = /<li id="c0" [\s\S]*?<\/li>/.exec(html)![0];
    const members = /<div class="members">([\s\S]*)<\/div>/.exec(cluster)![1];
    const [inline, folded] = members.split('<details>');
    expect(inline.match(/<a /g)).toHaveLength(12);
    expect(folded).toMatch(/^<summary>and 288 more<\/summary>/);
    expect(folded.match(/<a /g)).toHaveLength(288);
  });

  it('lists no pair inside a cluster, and the blocks from one range as one item', () => {
    expect(html).not.toContain('<section id="pairs">');
    expect(html.match(/<section id="blocks">[\s\S]*?<\/section>/)![0].match(/<li>/g)).toHaveLength(1);
    expect(html).toContain('⇄ 299 places <span class="figures">598 pairs, mean Jaccard 1.00</span>');
  });

  it('collapses each of hundreds of documents, showing flagged paragraphs only and an exact copy’s text once', () => {
    expect(html).not.toContain('<div class="docs">');
    expect(html.match(/<details class="doc" id="d\d+">/g)).toHaveLength(304);
    expect(html).not.toMatch(/<details[^>]* open/);
    // GRANT's text: once in the cluster's quote, once in the first file; the 299 others say where it is
    expect(html.split(escapeHtml(GRANT))).toHaveLength(3);
    // (a stub holds the start anchors of the passages in its paragraph, so links to them land there)
    const stub = (rest: string) =>
      new RegExp(
        `<p class="stub" id="d\\d+-p1">(?:<span class="anchor" id="[\\w-]+"></span>)*¶2: exact copy of ${rest}`,
        'g',
      );
    expect(html.match(stub('<a href="#d0-p1">'))).toHaveLength(299);
    expect(html).toMatch(
      stub('<a href="#d\\d+-p1">libc-bin:3 ¶2</a> \\(<a href="#g0">duplicate documents</a>\\)'),
    );
    expect(html).toContain(
      '¶2: exact copy of <a href="#d0-p1">pkg-0/copyright:3 ¶2</a> (<a href="#c0">cluster of 300</a>)',
    );
    // unflagged paragraphs are counted, not shown
    expect(html).not.toContain('Last words of 7.');
    expect(html).toContain('<p class="elided">¶5: nothing flagged</p>');
  });

  it('shows each flagged paragraph’s text, with offsets that slice back to the document', () => {
    const ids = report.documents.map((d) => d.id);
    for (const m of html.matchAll(
      /<div class="text" data-doc="(\d+)" data-start="(\d+)">([\s\S]*?)<\/div>/g,
    )) {
      const text = texts.get(ids[Number(m[1])])!;
      const start = Number(m[2]);
      const shown = decode(m[3]);
      expect(text.slice(start, start + shown.length)).toBe(shown);
      for (const mark of m[3].matchAll(/data-from="(\d+)" data-to="(\d+)"[^>]*>([^<]*)<\/a>/g)) {
        expect(decode(mark[3])).toBe(text.slice(Number(mark[1]), Number(mark[2])));
      }
    }
  });

  it('has a target for every link', () => {
    const { targets, ids } = links(html);
    expect(targets.length).toBeGreaterThan(1000);
    for (const target of targets) expect(ids.has(target), target).toBe(true);
  });

  it('gives the same page in chunks', () => {
    expect([...renderHtmlChunks(report, texts)].join('')).toBe(html);
  });

  it('keeps the side-by-side page, whole texts, for a few documents, with every link resolved', () => {
    const few = groupedCorpus(3);
    const page = renderHtml(few.report, few.texts);
    expect(page).toContain('<div class="docs">');
    expect(page).not.toContain('<details class="doc"');
    const { targets, ids } = links(page);
    for (const target of targets) expect(ids.has(target), target).toBe(true);
  });

  it('escapes document ids in the groups sections', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { report: r, texts: t } = handReport({
      docs: [
        { id: hostile, text: GRANT },
        { id: `${hostile}2`, text: GRANT },
      ],
      clusters: [
        {
          kind: 'exact',
          members: [
            [hostile, 0],
            [`${hostile}2`, 0],
          ],
        },
      ],
      documentGroups: [
        {
          kind: 'exact',
          representative: hostile,
          members: [hostile, `${hostile}2`].map((doc) => ({ doc, exact: 1, near: 0, added: 0, removed: 0 })),
        },
      ],
    });
    const page = renderHtml(r, t);
    expect(page).not.toContain('<img');
    expect(page).toContain(escapeHtml(hostile));
  });
});
