import { describe, expect, it } from 'vitest';
import { findDuplicates, type Report } from '../../src/index.js';
import { type SpanSide, segments, spanSidesByDocument } from '../../src/report/highlights.js';
import { renderHtml } from '../../src/report/html.js';
import { escapeHtml } from '../../src/report/html-document.js';
import { seedArticles } from '../helpers.js';

/** The text a browser shows for one document's text element (tags removed, references decoded). */
function documentTexts(html: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const match of html.matchAll(/<div class="text" data-doc="(\d+)">([\s\S]*?)<\/div>/g)) {
    const text = match[2]
      .replace(/<[^>]*>/g, '')
      .replace(/&(#\d+|lt|gt|quot|amp);/g, (_, ref: string) =>
        ref.startsWith('#')
          ? String.fromCharCode(Number(ref.slice(1)))
          : { lt: '<', gt: '>', quot: '"', amp: '&' }[ref]!,
      );
    found.set(Number(match[1]), text);
  }
  return found;
}

const HOSTILE = [
  '<script>window.pwned = 1</script>',
  '"><img src=x onerror="window.pwned = 2">',
  "'><svg onload=alert(3)>",
  '</textarea></style></title><iframe src="javascript:alert(4)">',
].join(' and ');

describe('renderHtml', () => {
  it('shows every flagged document whole: its text element holds exactly the original text', async () => {
    const docs = seedArticles();
    const report = await findDuplicates(docs);
    const html = renderHtml(report, new Map(docs.map((d) => [d.id, d.text])));
    const shown = documentTexts(html);
    expect([...shown.keys()]).toEqual([0, 1]);
    expect(shown.get(0)).toBe(docs[0].text);
    expect(shown.get(1)).toBe(docs[1].text);
  });

  it('marks each segment with offsets that slice back to its text, and links to counterparts', async () => {
    const docs = seedArticles();
    const report = await findDuplicates(docs);
    const html = renderHtml(report, Object.fromEntries(docs.map((d) => [d.id, d.text])));
    const marks = [
      ...html.matchAll(/<a class="hl[^"]*" href="#(h\d+-\d+-[ab])" data-from="(\d+)" data-to="(\d+)"/g),
    ];
    expect(marks.length).toBeGreaterThan(0);
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of marks) expect(ids.has(target)).toBe(true);
    // every passage side has exactly one start anchor
    const sides = report.pairs.flatMap((p, i) => p.spans.flatMap((_, s) => [`h${i}-${s}-a`, `h${i}-${s}-b`]));
    for (const side of sides) expect(ids.has(side)).toBe(true);
    // block, pair and paragraph links resolve
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids.has(target)).toBe(true);
  });

  it('escapes document ids and texts: nothing from the input becomes markup', async () => {
    const quote =
      'the ministers stressed the importance of enhancing cooperation and coordination to confront these threats today';
    const docs = [
      { id: HOSTILE, text: `${HOSTILE}\n\n${quote} ${HOSTILE}` },
      {
        id: `${HOSTILE}.txt`,
        text: `Another story. ${HOSTILE}\n\nHe said ${quote} ${HOSTILE}\r\n\r\nNUL\u0000 and \r lone CR`,
      },
    ];
    const report = await findDuplicates(docs);
    expect(report.pairs.length).toBeGreaterThan(0);
    const html = renderHtml(report, new Map(docs.map((d) => [d.id, d.text])), { title: HOSTILE });
    expect(html).not.toMatch(/<script|<img|<svg|<iframe|<\/textarea|<\/title>[^\n]/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain(escapeHtml(HOSTILE));
    const shown = documentTexts(html);
    expect(shown.get(0)).toBe(docs[0].text);
    expect(shown.get(1)).toBe(docs[1].text.replace('\u0000', '\uFFFD'));
  });

  it('has a strict Content-Security-Policy and loads nothing from the network', async () => {
    const docs = seedArticles();
    const html = renderHtml(await findDuplicates(docs), new Map(docs.map((d) => [d.id, d.text])));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('says so when nothing is flagged, and leaves out documents without flagged paragraphs', async () => {
    const docs = [
      { id: 'a', text: 'One paragraph about a harbour.' },
      { id: 'b', text: 'Another about mountains.' },
    ];
    const html = renderHtml(await findDuplicates(docs), new Map(docs.map((d) => [d.id, d.text])));
    expect(html).toContain('No near duplicates or overlaps.');
    expect(html).toContain('2 document(s) without flagged paragraphs are not shown.');
    expect(documentTexts(html).size).toBe(0);
  });

  it('renders a report whose texts are missing without crashing', async () => {
    const docs = seedArticles();
    const report: Report = await findDuplicates(docs);
    expect(() => renderHtml(report, {})).not.toThrow();
  });
});

describe('segments', () => {
  const side = (pair: number, start: number, end: number): SpanSide => ({
    pair,
    span: 0,
    side: 'a',
    kind: pair === 0 ? 'exact' : 'overlap',
    start,
    end,
  });

  it('cuts overlapping passages into disjoint segments covered by the right passages, strongest first', () => {
    const cut = segments([side(1, 5, 15), side(0, 0, 10), side(2, 20, 25), side(3, 12, 12)]);
    expect(cut.map((s) => [s.start, s.end, s.sides.map((x) => x.pair)])).toEqual([
      [0, 5, [0]],
      [5, 10, [0, 1]],
      [10, 15, [1]],
      [20, 25, [2]],
    ]);
  });

  it('groups passages by the document they sit in', async () => {
    const docs = seedArticles();
    const bySide = spanSidesByDocument(await findDuplicates(docs));
    expect([...bySide.keys()].sort()).toEqual(['article-1', 'article-2']);
    for (const sides of bySide.values()) for (const s of sides) expect(s.end).toBeGreaterThan(s.start);
  });
});
