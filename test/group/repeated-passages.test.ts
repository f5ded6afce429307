// Repeated passages: one shared passage in K otherwise different paragraphs is reported once, not as K² pairs.
import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/index.js';
import { wordsOf } from '../helpers.js';

/** A 42-word passage, and words of a document's own. */
const PASSAGE = Array.from({ length: 42 }, (_, i) => `pass${i}q`).join(' ');
const own = (d: number, part: string, count: number) =>
  Array.from({ length: count }, (_, j) => `d${d}${part}${j}z`).join(' ');
/** 15 words that only documents 0 and 1 share, beside the passage. */
const BEYOND = Array.from({ length: 15 }, (_, i) => `beyond${i}k`).join(' ');

/** K documents: two paragraphs, the first holding the passage among 60 words of its own. */
function documents(k: number): string[] {
  return Array.from(
    { length: k },
    (_, d) =>
      `${own(d, 'a', 30)} ${PASSAGE} ${own(d, 'b', 30)}${d < 2 ? ` ${BEYOND}` : ''}\n\n${own(d, 'c', 40)}`,
  );
}

describe('repeated passages', () => {
  it('a 42-word passage in K documents is one passage with K occurrences; overlaps only beyond it', async () => {
    const k = 30;
    const docs = documents(k);
    const report = await findDuplicates(docs);
    expect(report.passages).toHaveLength(1);
    const [passage] = report.passages;
    expect(passage.words).toBe(42);
    expect(passage.occurrences.map((o) => `${o.doc}:${o.paragraph}`)).toEqual(
      docs.map((_, d) => `doc-${d + 1}:0`),
    );
    for (const o of passage.occurrences) {
      const text = docs[Number(o.doc.slice(4)) - 1];
      expect(wordsOf(text, o.span)).toBe(PASSAGE);
    }
    // Not 435 overlap pairs: only documents 1 and 2, which share 15 words beyond the passage.
    expect(report.pairs).toHaveLength(1);
    const [pair] = report.pairs;
    expect([pair.a.doc, pair.b.doc, pair.kind]).toEqual(['doc-1', 'doc-2', 'overlap']);
    expect(pair.spans.map((s) => s.words)).toEqual([15]);
    expect(wordsOf(docs[0], pair.spans[0].a)).toBe(BEYOND);
    expect(report.clusters).toEqual([]);
  });

  it('below passageParagraphs, the same passage stays overlap pairs, every two of them', async () => {
    const k = 6;
    const report = await findDuplicates(documents(k), { passageParagraphs: 7 });
    expect(report.passages).toEqual([]);
    expect(report.pairs).toHaveLength((k * (k - 1)) / 2);
    expect(report.pairs.every((p) => p.kind === 'overlap' && p.spans[0].words >= 42)).toBe(true);
    const atThreshold = await findDuplicates(documents(k), { passageParagraphs: 6 });
    expect(atThreshold.passages.map((p) => p.occurrences.length)).toEqual([k]);
    expect(atThreshold.pairs).toHaveLength(1);
  });

  it('exact copies of a paragraph holding the passage count once among its occurrences', async () => {
    const docs = documents(12);
    docs.push(docs[3], docs[3]); // two more copies of document 4
    const report = await findDuplicates(docs);
    expect(report.passages.map((p) => p.occurrences.length)).toEqual([12]);
    const copies = report.clusters.find((c) => c.representative.doc === 'doc-4');
    expect(copies?.kind).toBe('exact');
    expect(copies?.members.map((m) => m.doc)).toEqual(['doc-4', 'doc-13', 'doc-14']);
  });
});
