// Issue 13's collision corpus: 1,000,000 paragraphs of 1–3 random words have one shingle each, so 32-bit
// shingle hashes alone collide for about n²/2³³ ≈ 116 unrelated pairs (124 flagged `near` with Jaccard 1
// before verification compared words). Takes about 20 s alone (findDuplicates 9 s of it) on a 2-core
// EPYC, about 40 s inside the whole suite on the same machine under load.
import { describe, expect, it } from 'vitest';
import { tinyParagraphs } from '../../bench/tiny-paragraphs.js';
import { findDuplicates } from '../../src/index.js';

describe('a million one-shingle paragraphs', () => {
  it('flags exactly the pairs of identical lines, compared as strings', async () => {
    const lines = tinyParagraphs(1_000_000);
    const report = await findDuplicates([{ id: 'tiny', text: lines.join('\n') }], { paragraphs: 'line' });
    // With at most 3 words and 3-word shingles, Jaccard ≥ 0.7 needs the same words in the same order, and
    // an overlap needs 10 words: the only pairs to flag are identical lines.
    const places = new Map<string, number[]>();
    lines.forEach((line, i) => {
      const at = places.get(line);
      if (at) at.push(i);
      else places.set(line, [i]);
    });
    const expected: [number, number][] = [];
    for (const at of places.values()) {
      for (let i = 0; i < at.length; i++)
        for (let j = i + 1; j < at.length; j++) expected.push([at[i], at[j]]);
    }
    const flagged = report.pairs.map((pair) => [pair.a.paragraph, pair.b.paragraph]);
    expect(flagged.sort((x, y) => x[0] - y[0])).toEqual(expected.sort((x, y) => x[0] - y[0]));
    expect(report.pairs.every((pair) => pair.kind === 'exact' && pair.jaccard === 1)).toBe(true);
  }, 180_000);
});
