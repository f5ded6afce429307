import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashSequence, shingleHashes, sortUnique } from '../../src/index.js';
import { codePoints } from '../../src/sketch/shingles.js';

const values = (...v: number[]) => Uint32Array.from(v);

describe('shingleHashes', () => {
  it('hashes every window of k values: shingle i is hashSequence(values, i, k, seed)', () => {
    const v = values(10, 20, 30, 40, 50);
    const { hashes, count } = shingleHashes(v, 5, 3, 7, new Uint32Array(8));
    expect(count).toBe(3);
    expect([...hashes.subarray(0, count)]).toEqual([0, 1, 2].map((i) => hashSequence(v, i, 3, 7)));
  });

  it('makes one shingle of all of a sequence shorter than k, and none of an empty one', () => {
    const v = values(10, 20);
    const short = shingleHashes(v, 2, 3, 0, new Uint32Array(4));
    expect(short.count).toBe(1);
    expect(short.hashes[0]).toBe(hashSequence(v, 0, 2, 0));
    expect(shingleHashes(v, 0, 3, 0, new Uint32Array(4)).count).toBe(0);
  });

  it('reads only the first `length` values, whatever the array holds after them', () => {
    const a = shingleHashes(values(1, 2, 3, 99, 99), 3, 2, 0, new Uint32Array(4));
    const b = shingleHashes(values(1, 2, 3), 3, 2, 0, new Uint32Array(4));
    expect(a.count).toBe(2);
    expect([...a.hashes.subarray(0, 2)]).toEqual([...b.hashes.subarray(0, 2)]);
  });

  it('writes into `out` when it is large enough and grows a new array when it is not', () => {
    const out = new Uint32Array(8);
    expect(shingleHashes(values(1, 2, 3, 4), 4, 2, 0, out).hashes).toBe(out);
    const small = new Uint32Array(2);
    const grown = shingleHashes(values(1, 2, 3, 4, 5, 6, 7, 8), 8, 2, 0, small);
    expect(grown.hashes).not.toBe(small);
    expect(grown.hashes.length).toBeGreaterThanOrEqual(7);
    expect(grown.count).toBe(7);
  });

  it('depends on order within a window and on the seed; repeats give repeated hashes', () => {
    const { hashes } = shingleHashes(values(1, 2, 1, 2, 2, 1), 6, 2, 0, new Uint32Array(8));
    expect(hashes[0]).toBe(hashes[2]); // (1, 2) twice
    expect(hashes[1]).not.toBe(hashes[0]); // (2, 1) ≠ (1, 2)
    expect(hashes[1]).toBe(hashes[4]);
    const seeded = shingleHashes(values(1, 2), 2, 2, 1, new Uint32Array(1));
    expect(seeded.hashes[0]).not.toBe(hashes[0]);
  });

  it('pins the shingle hashes of one sequence (a change here changes every signature)', () => {
    const { hashes, count } = shingleHashes(values(1, 2, 3, 4), 4, 3, 0, new Uint32Array(2));
    expect(count).toBe(2);
    expect([...hashes.subarray(0, count)]).toEqual([
      hashSequence(values(1, 2, 3), 0, 3, 0),
      hashSequence(values(2, 3, 4), 0, 3, 0),
    ]);
    expect([...hashes.subarray(0, count)]).toEqual(PINNED);
  });
});

// MurmurHash3_x86_32 (seed 0) of the little-endian bytes of (1, 2, 3) and (2, 3, 4), computed with an
// independent implementation of the published algorithm (it also reproduces the published vectors).
const PINNED = [3923217110, 2435715923];

describe('sortUnique', () => {
  it('sorts the first `count` values ascending as unsigned 32-bit numbers and drops repeats', () => {
    const hashes = values(5, 0xffffffff, 5, 1, 0x80000000, 1, 0, 77, 77);
    const unique = sortUnique(hashes, 8);
    expect(unique).toBe(6);
    expect([...hashes.subarray(0, unique)]).toEqual([0, 1, 5, 77, 0x80000000, 0xffffffff]);
    expect(hashes[8]).toBe(77); // beyond count: untouched
  });

  it('returns 0 for nothing and 1 for one value or all the same', () => {
    expect(sortUnique(new Uint32Array(4), 0)).toBe(0);
    expect(sortUnique(values(9), 1)).toBe(1);
    expect(sortUnique(values(3, 3, 3, 3), 4)).toBe(1);
  });

  it('gives the sorted set of its input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff })), fc.nat({ max: 5 }), (input, extra) => {
        const hashes = new Uint32Array(input.length + extra);
        hashes.set(input);
        const unique = sortUnique(hashes, input.length);
        expect([...hashes.subarray(0, unique)]).toEqual([...new Set(input)].sort((x, y) => x - y));
      }),
    );
  });
});

describe('codePoints', () => {
  it('reads code points, an astral character (a surrogate pair) as one value', () => {
    const { values: cps, length } = codePoints('a😀é', new Uint32Array(1));
    expect([...cps.subarray(0, length)]).toEqual([0x61, 0x1f600, 0xe9]);
  });
});
