import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactShingles, type ShingleShape } from '../../src/verify/exact-shingles.js';

/**
 * The reference: shingles as strings in a Set (words joined by a space, which no word holds; or
 * substrings of whole code points), a sequence shorter than k being one shingle of all of it.
 */
function referenceFigures(a: string[], b: string[], { shingleSize: k, shingleUnit }: ShingleShape) {
  const shingles = (terms: string[]) => {
    const units = shingleUnit === 'word' ? terms : [...terms.join(' ')];
    const glue = shingleUnit === 'word' ? ' ' : '';
    const set = new Set<string>();
    if (units.length === 0) return set;
    const width = Math.min(k, units.length);
    // The width is part of the key: "a b" (2 words) and "a b" as a prefix of a 3-word shingle differ.
    for (let i = 0; i + width <= units.length; i++)
      set.add(`${width}:${units.slice(i, i + width).join(glue)}`);
    return set;
  };
  const x = shingles(a);
  const y = shingles(b);
  const shared = [...x].filter((s) => y.has(s)).length;
  const union = x.size + y.size - shared;
  const smaller = Math.min(x.size, y.size);
  return { jaccard: union === 0 ? 0 : shared / union, containment: smaller === 0 ? 0 : shared / smaller };
}

// Few distinct words, so that sequences share shingles often; astral and combining characters for 'char'.
const word = fc.constantFrom('a', 'b', 'ab', 'ba', 'c', 'über', '中', '𝒳', 'e\u0301');
const terms = fc.array(word, { maxLength: 14 });
const shape = fc.record({
  shingleSize: fc.integer({ min: 1, max: 6 }),
  shingleUnit: fc.constantFrom<'word' | 'char'>('word', 'char'),
});

describe('ExactShingles', () => {
  it('gives the Jaccard and containment of the shingles as strings', () => {
    fc.assert(
      fc.property(terms, terms, shape, (a, b, s) => {
        const exact = new ExactShingles(s);
        expect(exact.figures(a, b)).toEqual(referenceFigures(a, b, s));
        // Its maps and buffers carry nothing from one pair to the next.
        expect(exact.figures(b, a)).toEqual(referenceFigures(b, a, s));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same figures past the spelled numbers, where windows are numbered through a map', () => {
    // 3–30 distinct words and shingles of 12–40 words: u^w is past 2⁵² for most pairs.
    const vocabulary = Array.from({ length: 30 }, (_, i) => `w${i}`);
    const longTerms = fc.array(fc.constantFrom(...vocabulary), { minLength: 10, maxLength: 60 });
    let mapped = 0;
    fc.assert(
      fc.property(longTerms, longTerms, fc.integer({ min: 12, max: 40 }), (a, b, shingleSize) => {
        const s: ShingleShape = { shingleSize, shingleUnit: 'word' };
        const units = new Set([...a, ...b]).size;
        if (units ** Math.min(shingleSize, Math.max(a.length, b.length)) > 2 ** 52) mapped++;
        expect(new ExactShingles(s).figures(a, b)).toEqual(referenceFigures(a, b, s));
      }),
      { numRuns: 500 },
    );
    expect(mapped).toBeGreaterThan(250);
  });

  it('tells apart shingles of different widths and repeated words', () => {
    const words = new ExactShingles({ shingleSize: 3, shingleUnit: 'word' });
    expect(words.figures(['a', 'b'], ['a', 'b', 'c'])).toEqual({ jaccard: 0, containment: 0 });
    expect(words.figures(['a', 'a', 'a', 'a'], ['a', 'a', 'a'])).toEqual({ jaccard: 1, containment: 1 });
    expect(words.figures([], [])).toEqual({ jaccard: 0, containment: 0 });
    expect(words.figures(['x', 'y', 'z', 'w'], ['x', 'y', 'z'])).toEqual({ jaccard: 1 / 2, containment: 1 });
  });

  it('grows its buffers for long paragraphs', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `w${i % 1700}`);
    const b = a.slice(1000);
    const s: ShingleShape = { shingleSize: 4, shingleUnit: 'word' };
    expect(new ExactShingles(s).figures(a, b)).toEqual(referenceFigures(a, b, s));
  });
});
