// Fingerprints are 64-bit keys (issue 13.9): with 32 bits, two paragraphs of F fingerprints each share
// about F² / 2³² by chance, so every pair of very long paragraphs became an overlap candidate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/random.js';
import { CandidatePairs, pairOfKey } from '../../src/candidates/candidate-pairs.js';
import { KeyLookup } from '../../src/candidates/lookup.js';
import { forEachGroup, KeyedIds, sortByKey } from '../../src/candidates/radix-groups.js';
import { winnow } from '../../src/candidates/winnowing.js';
import { createIndex, findDuplicates } from '../../src/index.js';

/** Groups of a wide table, by a reference: ids sharing the whole (low, high) key, two or more distinct. */
function referenceGroups(entries: [number, number, number][]): number[][] {
  const byKey = new Map<string, Set<number>>();
  for (const [low, high, id] of entries) {
    const key = `${low}:${high}`;
    byKey.set(key, (byKey.get(key) ?? new Set()).add(id));
  }
  return [...byKey.values()]
    .filter((ids) => ids.size > 1)
    .map((ids) => [...ids].sort((x, y) => x - y))
    .sort((x, y) => x[0] - y[0] || x[1] - y[1] || x.length - y.length);
}

describe('wide (64-bit) keys', () => {
  it('sortByKey and forEachGroup group on both words, like a reference', () => {
    const word = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffffffff }));
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { maxLength: 120 }), (keys) => {
        const entries: [number, number, number][] = keys.map(([low, high], i) => [low, high, i % 40]);
        const table = new KeyedIds(2, true);
        for (const [low, high, id] of entries) table.push(low, id, high);
        sortByKey(table);
        const groups: number[][] = [];
        forEachGroup(table, (ids, count) => groups.push(Array.from(ids.subarray(0, count))));
        groups.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x.length - y.length);
        expect(groups).toEqual(referenceGroups(entries));
      }),
      { numRuns: 300 },
    );
  });

  it('KeyLookup pairs only entries with the whole key equal, in its base and in its delta', () => {
    const base = new KeyedIds(4, true);
    base.push(7, 0, 100);
    base.push(7, 1, 200);
    const lookup = new KeyLookup([new KeyedIds(4), base]);
    lookup.add(1, 7, 2, 100);
    lookup.add(1, 7, 3, 300);
    const paired = (high: number) => {
      const into = new CandidatePairs(10, 100);
      lookup.pairWith(1, 7, high, 9, into);
      return Array.from(into.sortedUnique(), (key) => pairOfKey(key, 10)[0]);
    };
    expect(paired(100)).toEqual([0, 2]);
    expect(paired(200)).toEqual([1]);
    expect(paired(300)).toEqual([3]);
    expect(paired(400)).toEqual([]);
    lookup.fold();
    expect(paired(100)).toEqual([0, 2]);
    expect(paired(300)).toEqual([3]);
  });

  it('winnow gives each selected window a second word that depends on the window only', () => {
    const random = seededRandom(4);
    const hashes = Uint32Array.from({ length: 400 }, () => Math.floor(random() * 2 ** 32));
    const emitted = (from: number, length: number) => {
      const out: [number, number][] = [];
      winnow(hashes.subarray(from, from + length), length, 10, new Uint32Array(16), (low, high) =>
        out.push([low, high]),
      );
      return out;
    };
    const whole = new Map(emitted(0, 400).map(([low, high]) => [low, high]));
    expect(whole.size).toBeGreaterThan(100);
    // Another text with the same words from 100 on: its fingerprints there carry the same second words.
    for (const [low, high] of emitted(100, 300)) if (whole.has(low)) expect(whole.get(low)).toBe(high);
    expect(new Set(whole.values()).size).toBe(whole.size); // the second words are hashes, not constants
  });

  it('very long paragraphs that share no passage are not candidates by chance', async () => {
    // Three paragraphs of 250,000 random words from a vocabulary of 2 million: no shared run of 10
    // words (nor a shared band), and about 100,000 fingerprints each, which as 32-bit keys met by chance
    // (2.3 per pair on average).
    const random = seededRandom(9);
    const word = () => `w${Math.floor(random() * 2_000_000).toString(36)}`;
    const paragraph = () => Array.from({ length: 250_000 }, word).join(' ');
    const text = [paragraph(), paragraph(), paragraph()].join('\n\n');
    const report = await findDuplicates([{ id: 'long', text }]);
    expect(report.stats.paragraphs).toBe(3);
    expect(report.stats.candidates).toBe(0);
    expect(report.pairs).toEqual([]);
    // The lasting index looks fingerprints up with the whole key as well.
    const index = await createIndex();
    index.add([{ id: 'long', text }]);
    expect(index.query({ id: 'another', text: paragraph() })).toEqual([]);
  }, 120_000);
});
