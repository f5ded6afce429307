import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createHasher,
  findDuplicates,
  type Hasher,
  hashWords,
  winnow,
  winnowingParams,
} from '../../src/index.js';

let hasher: Hasher;
const fingerprints = (words: string[], m: number): Set<number> => {
  const hashes = hashWords(hasher, words, 0, new Uint32Array(words.length));
  const found = new Set<number>();
  winnow(hashes, words.length, m, new Uint32Array(8), (fp) => found.add(fp));
  return found;
};

describe('winnowing fingerprints', () => {
  it('chooses gram + window − 1 = minOverlapWords', () => {
    for (const m of [2, 5, 8, 12, 40]) {
      const { gram, window } = winnowingParams(m);
      expect(gram + window - 1).toBe(m);
      expect(gram).toBeGreaterThanOrEqual(1);
      expect(window).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives no fingerprint to a paragraph shorter than minOverlapWords', async () => {
    hasher = await createHasher();
    expect(fingerprints(['a', 'b', 'c'], 8).size).toBe(0);
  });

  it('selects far fewer fingerprints than positions (density about 2 / (window + 1))', async () => {
    hasher = await createHasher();
    const words = Array.from({ length: 2000 }, (_, i) => `w${(i * 7919) % 1009}`);
    const count = fingerprints(words, 8).size;
    const { window } = winnowingParams(8);
    expect(count).toBeLessThan(words.length * (3 / (window + 1)));
    expect(count).toBeGreaterThan(words.length / (window + 1) / 2);
  });

  it('guarantees a shared fingerprint for every shared passage of minOverlapWords words', async () => {
    hasher = await createHasher();
    const word = fc.integer({ min: 0, max: 40 }).map((i) => `v${i}`);
    await fc.assert(
      fc.property(
        fc.array(word, { maxLength: 30 }),
        fc.array(word, { maxLength: 30 }),
        fc.array(word, { minLength: 12, maxLength: 20 }),
        fc.integer({ min: 2, max: 12 }),
        (left, right, passage, m) => {
          const a = [...left, ...passage, 'x1'];
          const b = ['y1', ...right, ...passage.slice(0, m)];
          const shared = [...fingerprints(a, m)].filter((fp) => fingerprints(b, m).has(fp));
          expect(shared.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('overlap detection', () => {
  const filler = (seed: number, n: number) => Array.from({ length: n }, (_, i) => `f${seed}x${i}`).join(' ');

  it('flags a pasted passage of exactly minOverlapWords words and not one word less', async () => {
    const passage = 'the committee will publish its findings before the end of the year';
    const words = passage.split(' ');
    for (const m of [6, 8, 12]) {
      const hit = `${filler(1, 30)} ${words.slice(0, m).join(' ')} ${filler(2, 30)}`;
      const other = `${filler(3, 25)} ${words.slice(0, m).join(' ')} ${filler(4, 25)}`;
      const miss = `${filler(5, 25)} ${words.slice(0, m - 1).join(' ')} ${filler(6, 25)}`;
      const report = await findDuplicates([hit, other, miss], { minOverlapWords: m });
      expect(report.pairs.map((p) => `${p.a.doc}~${p.b.doc}:${p.kind}:${p.spans[0].words}`)).toEqual([
        `doc-1~doc-2:overlap:${m}`,
      ]);
    }
  });
});
