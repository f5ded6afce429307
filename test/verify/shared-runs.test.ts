import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SharedRun, sharedRuns } from '../../src/index.js';

/** Word ids as stand-in hashes: equal words, equal hashes. */
function runs(a: string[], b: string[], minLength: number): SharedRun[] {
  const ids = new Map<string, number>();
  const hash = (w: string) => {
    if (!ids.has(w)) ids.set(w, Math.imul(ids.size + 1, 2654435761) >>> 0);
    return ids.get(w)!;
  };
  return sharedRuns(a, Uint32Array.from(a, hash), b, Uint32Array.from(b, hash), minLength);
}

/** The longest common run of consecutive words, by the plain quadratic dynamic programme. */
function longestCommonRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) row[j] = previous[j - 1] + 1;
      best = Math.max(best, row[j]);
    }
    previous = row;
  }
  return best;
}

const words = (text: string) => text.split(' ');

describe('sharedRuns finds the longest run', () => {
  it('finds a longer run that starts inside a shorter one (issue 15, smallest case)', () => {
    const a = words('p q r s t z q r s t u v w x');
    const b = words('p q r s t u v w x');
    // Today's scan took "p q r s t" and skipped the 8-word run starting inside it.
    expect(runs(a, b, 3)[0]).toEqual({ aFrom: 6, bFrom: 1, length: 8 });
  });

  it('reports the longest common run first, on texts with planted repeats (property, against a DP)', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    // Random texts over a small alphabet, with a phrase planted several times on both sides.
    const text = fc
      .tuple(fc.array(fc.array(word, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), fc.array(word))
      .map(([pieces, phrase]) => pieces.flatMap((piece) => [...piece, ...phrase.slice(0, 6)]));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 1, max: 6 }), (a, b, minLength) => {
        const found = runs(a, b, minLength);
        const longest = longestCommonRun(a, b);
        expect(found[0]?.length ?? 0).toBe(longest >= minLength ? longest : 0);
        for (const run of found) {
          expect(a.slice(run.aFrom, run.aFrom + run.length)).toEqual(
            b.slice(run.bFrom, run.bFrom + run.length),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('places a repeated phrase at a free place in a when its first place is taken', () => {
    // "x y z" is twice in each: both copies are reported, not one.
    const a = words('x y z 1 x y z');
    const b = words('x y z 2 x y z');
    expect(runs(a, b, 3)).toEqual([
      { aFrom: 0, bFrom: 0, length: 3 },
      { aFrom: 4, bFrom: 4, length: 3 },
    ]);
  });

  it('never matches two different words that share a term hash', () => {
    const a = words('one two three four');
    const b = words('one two THREE four');
    const hashes = Uint32Array.of(1, 2, 3, 4); // THREE collides with three
    expect(sharedRuns(a, hashes, b, hashes, 2)).toEqual([{ aFrom: 0, bFrom: 0, length: 2 }]);
    const colliding = words('x three THREE y');
    const collidingHashes = Uint32Array.of(9, 3, 3, 8);
    expect(sharedRuns(colliding, collidingHashes, words('THREE y'), Uint32Array.of(3, 8), 2)).toEqual([
      { aFrom: 2, bFrom: 0, length: 2 },
    ]);
  });

  it('sees words changed in place in the same array between calls', () => {
    const a = words('p q r s');
    const hashes = Uint32Array.of(1, 2, 3, 4);
    expect(sharedRuns(a, hashes, a, hashes, 2)).toEqual([{ aFrom: 0, bFrom: 0, length: 4 }]);
    a[1] = 'changed';
    const b = words('p q r s');
    expect(sharedRuns(a, Uint32Array.of(1, 5, 3, 4), b, hashes, 2)).toEqual([
      { aFrom: 2, bFrom: 2, length: 2 },
    ]);
  });
});
