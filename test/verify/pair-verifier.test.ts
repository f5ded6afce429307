import levenshtein from 'fast-levenshtein';
import { describe, expect, it } from 'vitest';
import { findDuplicates, normalizeText } from '../../src/index.js';

function randomWords(count: number, seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  return Array.from({ length: count }, () => `w${(next() % 5000).toString(36)}`);
}

describe('verification of long paragraphs', () => {
  // A pair of ~1 MB paragraphs must not send a quadratic edit distance over the whole text.
  it.each([{}, { stopwords: ['w1'] }])('verifies a pair of 1 MB paragraphs (options %j)', async (options) => {
    const words = randomWords(170_000, 7);
    const changed = words.slice();
    for (let i = 0; i < changed.length; i += 97) changed[i] = 'edited';
    const a = words.join(' ');
    const b = changed.join(' ');
    expect(a.length).toBeGreaterThan(800_000);
    const report = await findDuplicates([a, b], options);
    expect(report.pairs).toHaveLength(1);
    const [pair] = report.pairs;
    expect(pair.kind).toBe('near');
    // Past maxEditChars the similarity is a lower bound: 1 edit per 97 words costs at most ~1 % here.
    expect(pair.similarity).toBeGreaterThan(0.97);
    expect(pair.similarity).toBeLessThan(1);
  });

  it('uses the exact Levenshtein distance up to maxEditChars, and a lower bound beyond', async () => {
    const words = randomWords(400, 3);
    const changed = words.slice();
    for (let i = 5; i < changed.length; i += 23) changed[i] = 'zz';
    const [a, b] = [words.join(' '), changed.join(' ')];
    const exact = 1 - levenshtein.get(normalizeText(a), normalizeText(b)) / Math.max(a.length, b.length);
    const precise = await findDuplicates([a, b], { maxEditChars: 100_000 });
    expect(precise.pairs[0].similarity).toBeCloseTo(exact, 10);
    const bounded = await findDuplicates([a, b], { maxEditChars: 100 });
    expect(bounded.pairs[0].similarity).toBeLessThanOrEqual(exact + 1e-12);
    expect(bounded.pairs[0].similarity).toBeGreaterThan(exact - 0.05);
  });
});
