import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidatePairs, pairOfKey } from '../../src/candidates/candidate-pairs.js';
import { forEachGroup, KeyedIds, sortByKey } from '../../src/candidates/radix-groups.js';
import { NearDupError } from '../../src/index.js';

const entriesOf = (pairs: [number, number][]) => {
  const entries = new KeyedIds(2);
  for (const [key, id] of pairs) entries.push(key, id);
  return entries;
};

describe('sortByKey', () => {
  it('sorts by key, stably, like a reference sort (any 32-bit keys, any length)', () => {
    const key = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 5 }),
      fc.constant(0x10000),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        const pairs = keys.map((k, i) => [k, i] as [number, number]);
        const entries = entriesOf(pairs);
        sortByKey(entries);
        const expected = [...pairs].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect(Array.from(entries.keys.subarray(0, entries.length))).toEqual(expected.map((p) => p[0]));
        expect(Array.from(entries.ids.subarray(0, entries.length))).toEqual(expected.map((p) => p[1]));
      }),
      { numRuns: 500 },
    );
  });
});

describe('forEachGroup', () => {
  it('gives each key shared by two or more distinct ids once, repeats of an id folded', () => {
    const entries = entriesOf([
      [7, 1],
      [3, 0],
      [7, 1],
      [3, 2],
      [9, 4],
      [7, 5],
      [8, 6],
      [8, 6],
    ]);
    sortByKey(entries);
    const groups: number[][] = [];
    forEachGroup(entries, (ids, count) => groups.push(Array.from(ids.subarray(0, count))));
    expect(groups).toEqual([
      [0, 2],
      [1, 5],
    ]);
  });
});

describe('CandidatePairs', () => {
  // The limit is CANDIDATES_PER_PAIR (20) × maxPairs: maxPairs 5 allows 100 candidate pairs, 0.5 allows 10.
  it('collects every pair of each group once, sorted by (a, b)', () => {
    const pairs = new CandidatePairs(10, 5);
    pairs.addGroup(Uint32Array.of(5, 1, 3), 3);
    pairs.addGroup(Uint32Array.of(3, 1), 2);
    pairs.addGroup(Uint32Array.of(9, 0, 99), 2);
    expect(Array.from(pairs.sortedUnique(), (key) => pairOfKey(key, 10))).toEqual([
      [0, 9],
      [1, 3],
      [1, 5],
      [3, 5],
    ]);
  });

  it('folds repeats before counting them against the limit, and stops past it', () => {
    const pairs = new CandidatePairs(100, 0.5);
    for (let band = 0; band < 50; band++) pairs.addGroup(Uint32Array.of(1, 2, 3, 4), 4); // 6 distinct pairs
    expect(pairs.sortedUnique()).toHaveLength(6);
    const group = Uint32Array.from({ length: 6 }, (_, i) => 10 + i); // 15 distinct pairs
    expect(() => new CandidatePairs(100, 0.5).addGroup(group, 6)).toThrow(NearDupError);
    const many = new CandidatePairs(100, 0.5);
    for (let i = 0; i < 20; i++) many.addGroup(Uint32Array.of(i, i + 50), 2);
    expect(() => many.sortedUnique()).toThrow('neardup: 20 candidate pairs');
  });
});
