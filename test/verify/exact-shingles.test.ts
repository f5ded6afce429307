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

/** Term hashes from any function: only "equal terms, equal hashes" is required, collisions are allowed. */
const HASHES = {
  distinct: (w: string) =>
    [...w].reduce((h, c) => Math.imul(h ^ c.codePointAt(0)!, 0x01000193) >>> 0, 0x811c9dc5),
  'by length (many collisions)': (w: string) => w.length,
  'constant (every term collides)': () => 0x9e3779b1,
};
const hashed = (words: string[], hash: (w: string) => number) => ({
  words,
  hashes: Uint32Array.from(words, hash),
});

// Few distinct words, so that sequences share shingles often; astral and combining characters for 'char'.
const word = fc.constantFrom('a', 'b', 'ab', 'ba', 'c', 'über', '中', '𝒳', 'e\u0301');
const terms = fc.array(word, { maxLength: 14 });
const shape = fc.record({
  shingleSize: fc.integer({ min: 1, max: 6 }),
  shingleUnit: fc.constantFrom<'word' | 'char'>('word', 'char'),
});

describe('ExactShingles', () => {
  it.each(Object.entries(HASHES))(
    'gives the figures of the shingles as strings, term hashes %s',
    (_, hash) => {
      fc.assert(
        fc.property(terms, terms, shape, (a, b, s) => {
          const exact = new ExactShingles(s);
          expect(exact.figures(hashed(a, hash), hashed(b, hash))).toEqual(referenceFigures(a, b, s));
          // Its tables carry nothing from one pair to the next.
          expect(exact.figures(hashed(b, hash), hashed(a, hash))).toEqual(referenceFigures(b, a, s));
        }),
        { numRuns: 2000 },
      );
    },
  );

  it('tells apart shingles of different widths and repeated words', () => {
    const words = new ExactShingles({ shingleSize: 3, shingleUnit: 'word' });
    const figures = (a: string[], b: string[]) =>
      words.figures(hashed(a, HASHES.distinct), hashed(b, HASHES.distinct));
    expect(figures(['a', 'b'], ['a', 'b', 'c'])).toEqual({ jaccard: 0, containment: 0 });
    expect(figures(['a', 'a', 'a', 'a'], ['a', 'a', 'a'])).toEqual({ jaccard: 1, containment: 1 });
    expect(figures([], [])).toEqual({ jaccard: 0, containment: 0 });
    expect(figures(['x', 'y', 'z', 'w'], ['x', 'y', 'z'])).toEqual({ jaccard: 1 / 2, containment: 1 });
  });

  it('grows its tables for long paragraphs, after short ones', () => {
    const s: ShingleShape = { shingleSize: 4, shingleUnit: 'word' };
    const exact = new ExactShingles(s);
    expect(exact.figures(hashed(['a'], HASHES.distinct), hashed(['b'], HASHES.distinct)).jaccard).toBe(0);
    const a = Array.from({ length: 5000 }, (_, i) => `w${i % 1700}`);
    const b = a.slice(1000);
    expect(exact.figures(hashed(a, HASHES.distinct), hashed(b, HASHES.distinct))).toEqual(
      referenceFigures(a, b, s),
    );
  });
});
