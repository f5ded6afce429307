// Document groups: documents that are copies of one another, and paragraphs: 'document'.
import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/index.js';

/** A 25-word paragraph of words tagged `tag`. */
const paragraph = (tag: string) => Array.from({ length: 25 }, (_, j) => `${tag}w${j}z`).join(' ');
const BODY = Array.from({ length: 12 }, (_, i) => paragraph(`p${i}`));
const TEXT = BODY.join('\n\n');
/** The body with paragraphs at `positions` rewritten. */
const rewritten = (positions: number[]) =>
  BODY.map((p, i) => (positions.includes(i) ? paragraph(`new${i}`) : p)).join('\n\n');
const OTHER = Array.from({ length: 12 }, (_, i) => paragraph(`o${i}`)).join('\n\n');

describe('document groups', () => {
  it('three byte-identical documents are one exact group', async () => {
    const report = await findDuplicates([
      { id: 'libc-bin', text: TEXT },
      { id: 'other', text: OTHER },
      { id: 'libc-l10n', text: TEXT },
      { id: 'libc6', text: TEXT },
    ]);
    expect(report.documentGroups).toEqual([
      {
        id: 0,
        kind: 'exact',
        representative: 'libc-bin',
        members: ['libc-bin', 'libc-l10n', 'libc6'].map((doc) => ({
          doc,
          exact: 12,
          near: 0,
          added: 0,
          removed: 0,
        })),
      },
    ]);
    // Each paragraph of the three is one exact cluster of three members.
    expect(report.clusters).toHaveLength(12);
    expect(report.clusters.every((c) => c.kind === 'exact' && c.members.length === 3)).toBe(true);
  });

  it('"a.md is b.md with 2 paragraphs changed"', async () => {
    const report = await findDuplicates([
      { id: 'b.md', text: TEXT },
      { id: 'a.md', text: rewritten([3, 8]) },
    ]);
    expect(report.documentGroups).toEqual([
      {
        id: 0,
        kind: 'near',
        representative: 'b.md',
        members: [
          { doc: 'b.md', exact: 12, near: 0, added: 0, removed: 0 },
          { doc: 'a.md', exact: 10, near: 0, added: 2, removed: 2 },
        ],
      },
    ]);
  });

  it('below documentShare, no group: 3 of 12 paragraphs changed is 75 % < 80 %', async () => {
    const docs = [
      { id: 'b.md', text: TEXT },
      { id: 'a.md', text: rewritten([1, 5, 9]) },
    ];
    expect((await findDuplicates(docs)).documentGroups).toEqual([]);
    const looser = await findDuplicates(docs, { documentShare: 0.75 });
    expect(looser.documentGroups.map((g) => g.members.map((m) => m.doc))).toEqual([['b.md', 'a.md']]);
  });

  it("paragraphs: 'document' compares whole documents as one unit each", async () => {
    const report = await findDuplicates(
      [
        { id: 'b.md', text: TEXT },
        { id: 'copy.md', text: TEXT },
        { id: 'c.md', text: `${TEXT}\n\n${paragraph('extra')}` },
        { id: 'other.md', text: OTHER },
      ],
      { paragraphs: 'document' },
    );
    expect(report.options.paragraphs).toBe('document');
    expect(report.documents.map((d) => d.paragraphs.length)).toEqual([1, 1, 1, 1]);
    expect(report.clusters).toHaveLength(1);
    const [cluster] = report.clusters;
    expect(cluster.kind).toBe('near');
    expect(cluster.members.map((m) => [m.doc, m.copyOf])).toEqual([
      ['b.md', undefined],
      ['copy.md', 0],
      ['c.md', undefined],
    ]);
    expect(cluster.members[2].jaccard).toBeCloseTo(298 / 323, 10); // 298 shingles, 25 more in c.md
    expect(report.documentGroups.map((g) => [g.kind, g.members.map((m) => m.doc)])).toEqual([
      ['near', ['b.md', 'copy.md', 'c.md']],
    ]);
  });
});
