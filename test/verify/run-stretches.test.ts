import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SharedRun, sharedRuns } from '../../src/index.js';
import { RunStretches } from '../../src/verify/run-stretches.js';
import { SharedRunFinder } from '../../src/verify/shared-runs.js';

/**
 * The reference for sharedRuns, by brute force on the words: the longest run of a ending at each place of
 * b (a quadratic table), the maximal ones of at least minLength, ordered longest first (then first place
 * in a, then place in b), each kept at the first of its places in a where it overlaps no chosen run on
 * either side. It knows nothing of hashes, stretches or automata.
 */
function referenceRuns(a: string[], b: string[], minLength: number): SharedRun[] {
  const longest = new Array<number>(b.length).fill(0);
  let previous = new Array<number>(a.length + 1).fill(0);
  for (let j = 0; j < b.length; j++) {
    const row = new Array<number>(a.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      if (a[i - 1] === b[j]) row[i] = previous[i - 1] + 1;
      longest[j] = Math.max(longest[j], row[i]);
    }
    previous = row;
  }
  const placesIn = (from: number, length: number) => {
    const places: number[] = [];
    for (let i = 0; i + length <= a.length; i++)
      if (a.slice(i, i + length).every((w, k) => w === b[from + k])) places.push(i);
    return places;
  };
  const runs: { places: number[]; bFrom: number; length: number }[] = [];
  for (let j = 0; j < b.length; j++) {
    const length = longest[j];
    if (length < minLength || (j + 1 < b.length && longest[j + 1] === length + 1)) continue;
    runs.push({ places: placesIn(j - length + 1, length), bFrom: j - length + 1, length });
  }
  runs.sort((x, y) => y.length - x.length || x.places[0] - y.places[0] || x.bFrom - y.bFrom);
  const takenA = new Set<number>();
  const takenB = new Set<number>();
  const free = (taken: Set<number>, from: number, length: number) =>
    Array.from({ length }, (_, k) => from + k).every((k) => !taken.has(k));
  const chosen: SharedRun[] = [];
  for (const { places, bFrom, length } of runs) {
    if (!free(takenB, bFrom, length)) continue;
    const aFrom = places.find((from) => free(takenA, from, length));
    if (aFrom === undefined) continue;
    for (let k = 0; k < length; k++) {
      takenA.add(aFrom + k);
      takenB.add(bFrom + k);
    }
    chosen.push({ aFrom, bFrom, length });
  }
  return chosen;
}

/** Term hashes from any function: only "equal words, equal hashes" is required. */
const HASHES = {
  distinct: (w: string) => Math.imul(w.charCodeAt(0) * 31 + w.length, 0x9e3779b1) >>> 0,
  // Every window of b then looks like one of a's: the stretches cover all of b.
  'constant (every word collides)': () => 7,
};
const hashes = (words: string[], hash: (w: string) => number) => Uint32Array.from(words, hash);

// Texts made of phrases planted on both sides with words between them that only one side has, so b
// falls into many stretches, runs end where stretches end, and phrases repeat on both sides.
const shared = fc.constantFrom('a', 'b', 'c', 'd');
const phrase = fc.array(shared, { minLength: 1, maxLength: 7 });
const side = (only: string) =>
  fc
    .array(fc.tuple(phrase, fc.array(fc.constantFrom(only, `${only}2`, 'a'), { maxLength: 2 })), {
      maxLength: 12,
    })
    .map((pieces) => pieces.flatMap(([p, gap]) => [...p, ...gap]));

describe('shared runs walked within stretches', () => {
  it.each(Object.entries(HASHES))(
    'equal the brute-force greedy selection, term hashes %s (property)',
    (_, hash) => {
      fc.assert(
        fc.property(side('x'), side('y'), fc.integer({ min: 1, max: 5 }), (a, b, minLength) => {
          expect(sharedRuns(a, hashes(a, hash), b, hashes(b, hash), minLength)).toEqual(
            referenceRuns(a, b, minLength),
          );
        }),
        { numRuns: 500 },
      );
    },
  );

  it('keep a indexed across calls with other texts and other lengths (property)', () => {
    const finder = new SharedRunFinder();
    const hash = HASHES.distinct;
    fc.assert(
      fc.property(
        side('x'),
        fc.array(fc.tuple(side('y'), fc.integer({ min: 1, max: 5 })), { maxLength: 5 }),
        (a, bs) => {
          const aHashes = hashes(a, hash);
          for (const [b, minLength] of bs)
            expect(finder.find(a, aHashes, b, hashes(b, hash), minLength)).toEqual(
              referenceRuns(a, b, minLength),
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('find a run that a shorter shared run runs into, across an unshared word', () => {
    // "q r" is shared just before the break, "r s t u" just after: only the latter is a run of 3.
    const a = 'p q r s t u v w x y'.split(' ');
    const b = 'q r X r s t u Y w x y'.split(' ');
    const hash = HASHES.distinct;
    expect(sharedRuns(a, hashes(a, hash), b, hashes(b, hash), 3)).toEqual([
      { aFrom: 2, bFrom: 3, length: 4 },
      { aFrom: 7, bFrom: 8, length: 3 },
    ]);
  });

  it('finds runs whose windows hash to 0, and not the windows hashing to 1 that then look held', () => {
    const a = ['x', 'p'];
    const b = ['y', 'x', 'q'];
    // Windows of one word hash to the term hash: x is 0, y is 1 (kept alike in the set), p and q differ.
    expect(sharedRuns(a, Uint32Array.of(0, 5), b, Uint32Array.of(1, 0, 6), 1)).toEqual([
      { aFrom: 0, bFrom: 1, length: 1 },
    ]);
  });

  it('finds the stretches covered by windows that a holds, merged where they touch or overlap', () => {
    const stretches = new RunStretches();
    stretches.index(Uint32Array.of(1, 2, 3, 4, 5, 6), 6, 2);
    // Windows of b held by a: (1 2) at 0, (2 3) at 1, (5 6) at 4 and (3 4) at 6; (3 9), (9 5)
    // and (6 3) are not. The last two stretches touch, so they are one.
    stretches.find(Uint32Array.of(1, 2, 3, 9, 5, 6, 3, 4), 8);
    const found = Array.from({ length: stretches.count }, (_, s) => [stretches.from[s], stretches.to[s]]);
    expect(found).toEqual([
      [0, 3],
      [4, 8],
    ]);
  });
});
