import fc from 'fast-check';
import levenshtein from 'fast-levenshtein';
import { describe, expect, it } from 'vitest';
import {
  type Alignment,
  containment,
  editSimilarity,
  intersectionSize,
  jaccard,
  type SharedRun,
  sharedRuns,
} from '../../src/index.js';

const set = (...values: number[]) => Uint32Array.from(values);

/** Word ids as stand-in hashes: equal words, equal hashes. */
function hashesOf(...sequences: string[][]): Uint32Array[] {
  const ids = new Map<string, number>();
  return sequences.map((words) =>
    Uint32Array.from(words, (w) => {
      if (!ids.has(w)) ids.set(w, ids.size * 2654435761);
      return ids.get(w)!;
    }),
  );
}

function runs(a: string[], b: string[], minLength: number): SharedRun[] {
  const [ha, hb] = hashesOf(a, b);
  return sharedRuns(a, ha, b, hb, minLength);
}

/** Every maximal common run of at least minLength words, by brute force. */
function allMaximalRuns(a: string[], b: string[], minLength: number): SharedRun[] {
  const out: SharedRun[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (a[i] !== b[j] || (i > 0 && j > 0 && a[i - 1] === b[j - 1])) continue;
      let length = 0;
      while (i + length < a.length && j + length < b.length && a[i + length] === b[j + length]) length++;
      if (length >= minLength) out.push({ aFrom: i, bFrom: j, length });
    }
  }
  return out;
}

const overlaps = (x: SharedRun, y: SharedRun) =>
  (x.aFrom < y.aFrom + y.length && y.aFrom < x.aFrom + x.length) ||
  (x.bFrom < y.bFrom + y.length && y.bFrom < x.bFrom + x.length);

const noAlignment = (): Alignment => {
  throw new Error('the alignment should not be needed below maxChars');
};

const trueSimilarity = (a: string, b: string) =>
  a === b ? 1 : 1 - levenshtein.get(a, b) / Math.max(a.length, b.length);

function wordOffsets(words: string[]): number[] {
  let at = 0;
  return words.map((w) => {
    const start = at;
    at += w.length + 1;
    return start;
  });
}

describe('intersectionSize, jaccard, containment', () => {
  const a = set(1, 3, 5, 7, 9);
  const b = set(3, 4, 5, 6);

  it('intersectionSize counts shared values of sorted sets', () => {
    expect(intersectionSize(a, b)).toBe(2);
    expect(intersectionSize(a, a)).toBe(5);
    expect(intersectionSize(a, set())).toBe(0);
    expect(intersectionSize(set(0, 0xffffffff), set(0xffffffff))).toBe(1);
  });

  it('jaccard is |A∩B| / |A∪B|', () => {
    expect(jaccard(a, b)).toBe(2 / 7);
    expect(jaccard(a, a)).toBe(1);
    expect(jaccard(set(1, 2), set(3, 4))).toBe(0);
    expect(jaccard(set(1, 2, 3, 4), set(2, 3, 4, 5))).toBe(3 / 5);
  });

  it('jaccard is symmetric and 0 for two empty sets', () => {
    expect(jaccard(b, a)).toBe(jaccard(a, b));
    expect(jaccard(set(), set())).toBe(0);
    expect(jaccard(set(), a)).toBe(0);
  });

  it('containment is |A∩B| / min(|A|, |B|)', () => {
    expect(containment(a, b)).toBe(2 / 4);
    expect(containment(set(2, 3), set(1, 2, 3, 4))).toBe(1);
    expect(containment(set(1, 2, 3, 4), set(2, 3))).toBe(1);
    expect(containment(set(), a)).toBe(0);
  });
});

describe('editSimilarity', () => {
  it('is 1 for equal texts, including two empty ones', () => {
    expect(editSimilarity('same text', 'same text', 10_000, noAlignment)).toBe(1);
    expect(editSimilarity('', '', 10_000, noAlignment)).toBe(1);
    expect(editSimilarity('same text', 'same text', 0, noAlignment)).toBe(1);
  });

  it('is 1 − levenshtein / max length', () => {
    expect(editSimilarity('kitten', 'sitting', 10_000, noAlignment)).toBeCloseTo(1 - 3 / 7, 12);
    expect(editSimilarity('abc', '', 10_000, noAlignment)).toBe(0);
    expect(editSimilarity('flaw', 'lawn', 10_000, noAlignment)).toBe(0.5);
  });

  it('equals the untrimmed Levenshtein similarity on texts sharing a prefix and a suffix', () => {
    const piece = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '\u{1F600}'), maxLength: 30 });
    fc.assert(
      fc.property(piece, piece, piece, piece, (prefix, x, y, suffix) => {
        const a = prefix + x + suffix;
        const b = prefix + y + suffix;
        expect(editSimilarity(a, b, 10_000, noAlignment)).toBe(trueSimilarity(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('computes the exact value when the longer text has exactly maxChars characters', () => {
    expect(editSimilarity('kitten', 'sitting', 7, noAlignment)).toBeCloseTo(1 - 3 / 7, 12);
  });

  it('asks for the alignment only above maxChars', () => {
    let calls = 0;
    const alignment = (): Alignment => {
      calls++;
      return { runs: [], aOffsets: [0], bOffsets: [0] };
    };
    // No shared runs: the bound is max(|a|, |b|) edits, i.e. similarity 0.
    expect(editSimilarity('kitten', 'sitting', 6, alignment)).toBe(0);
    expect(calls).toBe(1);
  });

  it('above maxChars with an alignment gives a lower bound on the true similarity', () => {
    const a = 'the minister said that the talks would resume next week in geneva'.split(' ');
    const b = 'officials said that the talks would resume next month in vienna'.split(' ');
    const [aText, bText] = [a.join(' '), b.join(' ')];
    const alignment = { runs: runs(a, b, 2), aOffsets: wordOffsets(a), bOffsets: wordOffsets(b) };
    const bound = editSimilarity(aText, bText, 10, () => alignment);
    expect(bound).toBeGreaterThan(0);
    expect(bound).toBeLessThanOrEqual(trueSimilarity(aText, bText) + 1e-12);
  });

  it('the alignment bound never exceeds the true similarity (property)', () => {
    const word = fc.constantFrom('a', 'bb', 'ccc', 'dd', 'e', 'ffff');
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 25 }),
        fc.array(word, { maxLength: 25 }),
        fc.integer({ min: 1, max: 4 }),
        (a, b, minLength) => {
          const alignment = {
            runs: runs(a, b, minLength),
            aOffsets: wordOffsets(a),
            bOffsets: wordOffsets(b),
          };
          const [aText, bText] = [a.join(' '), b.join(' ')];
          const bound = editSimilarity(aText, bText, 0, () => alignment);
          expect(bound).toBeLessThanOrEqual(trueSimilarity(aText, bText) + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  // BUG: when the chosen runs cross (a sentence moved from the end to the start), the greedy monotone
  // chain in distanceUpperBound skips the long run and charges both texts' lengths, so the "distance"
  // exceeds max(|a|, |b|) and the similarity goes negative. Reachable from findDuplicates with default
  // options for paragraphs over 10,000 normalised characters (or any size with maxEditChars: 0).
  it('stays within [0, 1] when the aligned runs cross', () => {
    const x = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const y = ['moved', 'sentence', 'here'];
    for (const [a, b] of [
      [
        ['bb', 'a', 'a'],
        ['a', 'a', 'bb'],
      ],
      [
        [...y, ...x],
        [...x, ...y],
      ],
    ]) {
      const alignment = { runs: runs(a, b, 1), aOffsets: wordOffsets(a), bOffsets: wordOffsets(b) };
      const bound = editSimilarity(a.join(' '), b.join(' '), 0, () => alignment);
      expect(bound).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('sharedRuns', () => {
  it('finds a shared passage with its positions', () => {
    const a = 'x y the ministry condemns the attack z'.split(' ');
    const b = 'q the ministry condemns the attack'.split(' ');
    expect(runs(a, b, 3)).toEqual([{ aFrom: 2, bFrom: 1, length: 5 }]);
  });

  it('ignores runs shorter than minLength and inputs shorter than minLength', () => {
    expect(runs('a b c x d e'.split(' '), 'a b c y d e'.split(' '), 4)).toEqual([]);
    expect(runs(['a', 'b'], ['a', 'b'], 3)).toEqual([]);
  });

  it('returns maximal runs, longest first, not overlapping on either side', () => {
    const a = 'p q r s t 1 u v w 2 x y z w v'.split(' ');
    const b = 'u v w 3 p q r s t 4 x y z'.split(' ');
    expect(runs(a, b, 2)).toEqual([
      { aFrom: 0, bFrom: 4, length: 5 },
      { aFrom: 6, bFrom: 0, length: 3 },
      { aFrom: 10, bFrom: 10, length: 3 },
    ]);
  });

  it('drops a run that overlaps a longer chosen one', () => {
    // "a b c d" in b matches a[0..4) and also a[5..9); only one can be kept on b's side.
    const a = 'a b c d x a b c d e'.split(' ');
    const b = 'a b c d e'.split(' ');
    expect(runs(a, b, 2)).toEqual([{ aFrom: 5, bFrom: 0, length: 5 }]);
  });

  it('is the brute-force greedy selection when a repeats no window (property, distinct words)', () => {
    // a: distinct words, so no window repeats; b: pieces of a with other words between them.
    const a = Array.from({ length: 40 }, (_, i) => `w${i}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(39), fc.integer({ min: 1, max: 12 }), fc.constantFrom('x', 'y', 'w3')), {
          maxLength: 6,
        }),
        fc.integer({ min: 2, max: 5 }),
        (pieces, minLength) => {
          const b = pieces.flatMap(([from, length, filler]) => [...a.slice(from, from + length), filler]);
          const found = runs(a, b, minLength);
          for (const run of allMaximalRuns(a, b, minLength)) {
            const chosen = found.some((f) => f.aFrom === run.aFrom && f.bFrom === run.bFrom);
            if (!chosen) expect(found.some((f) => overlaps(f, run) && f.length >= run.length)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the longest run of a word repeated 100,000 times in linear time', () => {
    const words = Array<string>(100_000).fill('the');
    const hashes = new Uint32Array(words.length).fill(7);
    expect(sharedRuns(words, hashes, words, hashes, 10)).toEqual([{ aFrom: 0, bFrom: 0, length: 100_000 }]);
  });

  it('matches a brute-force greedy selection of maximal runs (property)', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 30 }),
        fc.array(word, { maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (a, b, minLength) => {
          const found = runs(a, b, minLength);
          for (const run of found) {
            expect(run.length).toBeGreaterThanOrEqual(minLength);
            expect(a.slice(run.aFrom, run.aFrom + run.length)).toEqual(
              b.slice(run.bFrom, run.bFrom + run.length),
            );
            const extendsLeft = run.aFrom > 0 && run.bFrom > 0 && a[run.aFrom - 1] === b[run.bFrom - 1];
            const end = [run.aFrom + run.length, run.bFrom + run.length];
            const extendsRight = end[0] < a.length && end[1] < b.length && a[end[0]] === b[end[1]];
            expect(extendsLeft || extendsRight).toBe(false);
          }
          for (let i = 1; i < found.length; i++)
            expect(found[i].length).toBeLessThanOrEqual(found[i - 1].length);
          for (let i = 0; i < found.length; i++)
            for (let j = i + 1; j < found.length; j++) expect(overlaps(found[i], found[j])).toBe(false);
          // When `a` repeats no minLength-word window, the scan is exactly the greedy choice over all
          // maximal runs: every maximal run left out clashes with a chosen run at least as long.
          if (!uniqueWindows(a, minLength)) return;
          for (const run of allMaximalRuns(a, b, minLength)) {
            const chosen = found.some((f) => f.aFrom === run.aFrom && f.bFrom === run.bFrom);
            if (!chosen) expect(found.some((f) => overlaps(f, run) && f.length >= run.length)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

function uniqueWindows(words: readonly string[], length: number): boolean {
  const seen = new Set<string>();
  for (let i = 0; i + length <= words.length; i++) {
    const key = words.slice(i, i + length).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}
