import { describe, expect, it } from 'vitest';
import type { PairPosition } from '../../src/group/blocks.js';
import { findBlocks } from '../../src/index.js';

const ids = ['doc-a', 'doc-b', 'doc-c'];

/** A flagged pair: (aDoc, aParagraph) ↔ (bDoc, bParagraph). */
const pair = (
  aDoc: number,
  aParagraph: number,
  bDoc: number,
  bParagraph: number,
  jaccard = 1,
): PairPosition => ({
  aDoc,
  aParagraph,
  bDoc,
  bParagraph,
  jaccard,
});

describe('findBlocks', () => {
  it('merges a diagonal run of consecutive pairs into one block', () => {
    // article-1's copy-paste accident: paragraphs 3–7 repeated as 8–12.
    const pairs = [3, 4, 5, 6, 7].map((i) => pair(0, i, 0, i + 5));
    expect(findBlocks(pairs, ids, 2)).toEqual([
      { a: { doc: 'doc-a', from: 3, to: 7 }, b: { doc: 'doc-a', from: 8, to: 12 }, pairs: 5, jaccard: 1 },
    ]);
  });

  it('does not depend on the order of the input pairs', () => {
    const pairs = [6, 3, 7, 5, 4].map((i) => pair(0, i, 1, i + 1));
    const [block] = findBlocks(pairs, ids, 2);
    expect(block.a).toEqual({ doc: 'doc-a', from: 3, to: 7 });
    expect(block.b).toEqual({ doc: 'doc-b', from: 4, to: 8 });
  });

  it('averages the Jaccard similarity over the block', () => {
    const [block] = findBlocks([pair(0, 0, 1, 0, 0.8), pair(0, 1, 1, 1, 0.9), pair(0, 2, 1, 2, 1)], ids, 2);
    expect(block.pairs).toBe(3);
    expect(block.jaccard).toBeCloseTo(0.9, 12);
  });

  it('respects minPairs', () => {
    const pairs = [pair(0, 0, 1, 0), pair(0, 1, 1, 1), pair(0, 5, 1, 9)];
    expect(findBlocks(pairs, ids, 3)).toEqual([]);
    expect(findBlocks(pairs, ids, 2).map((b) => b.pairs)).toEqual([2]);
    const singles = findBlocks(pairs, ids, 1);
    expect(singles.map((b) => [b.a.from, b.a.to, b.b.from, b.b.to])).toEqual([
      [0, 1, 0, 1],
      [5, 5, 9, 9],
    ]);
  });

  it('splits a run broken by a missing pair', () => {
    const pairs = [0, 1, 2, 4, 5].map((i) => pair(0, i, 1, i + 10));
    const blocks = findBlocks(pairs, ids, 2);
    expect(blocks.map((b) => [b.a.from, b.a.to, b.b.from, b.b.to])).toEqual([
      [0, 2, 10, 12],
      [4, 5, 14, 15],
    ]);
  });

  it('does not chain pairs on different diagonals', () => {
    // a advances by one each time, b does not: (0,5), (1,7), (2,9).
    const pairs = [pair(0, 0, 1, 5), pair(0, 1, 1, 7), pair(0, 2, 1, 9)];
    expect(findBlocks(pairs, ids, 2)).toEqual([]);
  });

  it('keeps different document pairs apart even on the same diagonal', () => {
    const pairs = [pair(0, 0, 1, 0), pair(0, 1, 2, 1), pair(0, 2, 1, 2)];
    expect(findBlocks(pairs, ids, 2)).toEqual([]);
    const both = [...pairs, pair(0, 1, 1, 1), pair(0, 2, 2, 2)];
    const blocks = findBlocks(both, ids, 2);
    expect(blocks.map((b) => [b.a.doc, b.b.doc, b.a.from, b.a.to, b.pairs])).toEqual([
      ['doc-a', 'doc-b', 0, 2, 3],
      ['doc-a', 'doc-c', 1, 2, 2],
    ]);
  });

  it('orders blocks by size, then by position', () => {
    const pairs = [
      pair(1, 0, 2, 0),
      pair(1, 1, 2, 1),
      pair(0, 10, 1, 0),
      pair(0, 11, 1, 1),
      pair(0, 2, 2, 0),
      pair(0, 3, 2, 1),
      pair(0, 4, 2, 2),
    ];
    const blocks = findBlocks(pairs, ids, 2);
    expect(blocks.map((b) => [b.a.doc, b.a.from, b.b.doc, b.pairs])).toEqual([
      ['doc-a', 2, 'doc-c', 3],
      ['doc-a', 10, 'doc-b', 2],
      ['doc-b', 0, 'doc-c', 2],
    ]);
  });

  it('finds blocks inside one document', () => {
    const pairs = [pair(1, 0, 1, 1), pair(1, 1, 1, 2), pair(1, 2, 1, 3)];
    expect(findBlocks(pairs, ids, 2)).toEqual([
      { a: { doc: 'doc-b', from: 0, to: 2 }, b: { doc: 'doc-b', from: 1, to: 3 }, pairs: 3, jaccard: 1 },
    ]);
  });

  it('returns nothing for no pairs', () => {
    expect(findBlocks([], ids, 1)).toEqual([]);
  });

  it('counts every block pair once: blocks cover the input pairs exactly when minPairs is 1', () => {
    const pairs = [pair(0, 0, 1, 3), pair(0, 1, 1, 4), pair(0, 7, 1, 1), pair(1, 2, 2, 2), pair(0, 2, 1, 5)];
    const blocks = findBlocks(pairs, ids, 1);
    expect(blocks.reduce((sum, b) => sum + b.pairs, 0)).toBe(pairs.length);
    for (const b of blocks) expect(b.a.to - b.a.from + 1).toBe(b.pairs);
    for (const b of blocks) expect(b.b.to - b.b.from).toBe(b.a.to - b.a.from);
  });
});
