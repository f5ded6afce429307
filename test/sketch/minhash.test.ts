import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_SLOT,
  estimateJaccard,
  fmix32,
  NearDupError,
  permutationKeys,
  signInto,
} from '../../src/index.js';
import { referenceSketch } from '../helpers.js';

function sign(set: number[], keys: Uint32Array): Uint32Array {
  const values = Uint32Array.from(set);
  const out = new Uint32Array(keys.length);
  signInto(values, 0, values.length, keys, out, 0);
  return out;
}

function expectSignatureError(run: () => unknown): NearDupError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NearDupError);
    const e = error as NearDupError;
    expect(e.code).toBe('INVALID_SIGNATURE');
    expect(e.message.startsWith('neardup:')).toBe(true);
    return e;
  }
  throw new Error('expected a NearDupError');
}

describe('permutationKeys', () => {
  it('is deterministic for a seed and has the requested length', () => {
    const a = permutationKeys(0, 128);
    expect(a).toBeInstanceOf(Uint32Array);
    expect(a).toHaveLength(128);
    expect(Array.from(permutationKeys(0, 128))).toEqual(Array.from(a));
  });

  it('is a prefix-stable stream: fewer hashes give the first keys of the longer list', () => {
    expect(Array.from(permutationKeys(7, 16))).toEqual(Array.from(permutationKeys(7, 64).subarray(0, 16)));
  });

  it('follows the documented SplitMix32-style recurrence: key i = fmix32(seed + (i + 1) × golden)', () => {
    const keys = permutationKeys(12345, 5);
    for (let i = 0; i < 5; i++) {
      expect(keys[i]).toBe(fmix32((12345 + (i + 1) * 0x9e3779b9) >>> 0));
    }
  });

  it('differs between seeds and has distinct keys', () => {
    const a = permutationKeys(1, 256);
    const b = permutationKeys(2, 256);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(new Set(a).size).toBe(256);
  });

  it('accepts the full unsigned seed range', () => {
    expect(Array.from(permutationKeys(0xffffffff, 4))).toEqual(Array.from(permutationKeys(-1, 4)));
  });
});

describe('signInto', () => {
  const keys = permutationKeys(0, 64);

  it('gives EMPTY_SLOT in every slot for the empty set', () => {
    expect(EMPTY_SLOT).toBe(0xffffffff);
    expect(Array.from(sign([], keys))).toEqual(new Array(64).fill(EMPTY_SLOT));
  });

  it('writes only its own slots [offset, offset + numHashes)', () => {
    const out = new Uint32Array(64 * 3).fill(7);
    const set = Uint32Array.of(1, 2, 3);
    signInto(set, 0, 3, keys, out, 64);
    expect(out.subarray(0, 64).every((v) => v === 7)).toBe(true);
    expect(out.subarray(128).every((v) => v === 7)).toBe(true);
    expect(Array.from(out.subarray(64, 128))).toEqual(Array.from(sign([1, 2, 3], keys)));
  });

  it('signs only set[from, to)', () => {
    const set = Uint32Array.of(100, 5, 6, 200);
    const out = new Uint32Array(64);
    signInto(set, 1, 3, keys, out, 0);
    expect(Array.from(out)).toEqual(Array.from(sign([5, 6], keys)));
  });

  it('fills every slot of a one-element set (the second phase visits every slot)', () => {
    const signature = sign([0xdeadbeef], keys);
    expect(signature.every((v) => v !== EMPTY_SLOT)).toBe(true);
    expect(new Set(signature).size).toBeGreaterThan(60);
  });

  it('equals the sketch of all 2k rounds compared by (round, hash): stopping early changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 400 }),
        fc.constantFrom(16, 64, 100, 128),
        (set, k) => {
          const roundKeys = permutationKeys(7, k);
          expect(Array.from(sign(set, roundKeys))).toEqual(referenceSketch(set, roundKeys));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on element order or repeats', () => {
    expect(Array.from(sign([3, 1, 2], keys))).toEqual(Array.from(sign([1, 2, 3], keys)));
    expect(Array.from(sign([1, 1, 2, 3, 3], keys))).toEqual(Array.from(sign([1, 2, 3], keys)));
  });
});

describe('estimateJaccard', () => {
  const keys = permutationKeys(0, 128);

  it('is 1 for identical sets', () => {
    const set = Array.from({ length: 50 }, (_, i) => i * 7919);
    expect(estimateJaccard(sign(set, keys), sign([...set].reverse(), keys))).toBe(1);
  });

  it('is near 0 for disjoint sets and near J for overlapping ones', () => {
    const a = Array.from({ length: 400 }, (_, i) => i);
    const disjoint = Array.from({ length: 400 }, (_, i) => 1_000_000 + i);
    expect(estimateJaccard(sign(a, keys), sign(disjoint, keys))).toBeLessThan(0.05);
    // |A∩B| = 200, |A∪B| = 600 → J = 1/3; 4.5 standard deviations at k = 128 is about 0.19.
    const half = Array.from({ length: 400 }, (_, i) => 200 + i);
    expect(Math.abs(estimateJaccard(sign(a, keys), sign(half, keys)) - 1 / 3)).toBeLessThan(0.19);
  });

  it('counts matching slots exactly', () => {
    expect(estimateJaccard(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(1, 9, 3, 9))).toBe(0.5);
    expect(estimateJaccard(Uint32Array.of(1, 2), Uint32Array.of(3, 4))).toBe(0);
  });

  it('throws INVALID_SIGNATURE on a length mismatch, naming both lengths', () => {
    const e = expectSignatureError(() => estimateJaccard(new Uint32Array(128), new Uint32Array(64)));
    expect(e.message).toContain('128');
    expect(e.message).toContain('64');
  });

  it('throws INVALID_SIGNATURE on empty signatures', () => {
    expectSignatureError(() => estimateJaccard(new Uint32Array(0), new Uint32Array(0)));
  });

  it('throws INVALID_SIGNATURE on anything but Uint32Array', () => {
    const good = new Uint32Array(4);
    expectSignatureError(() => estimateJaccard(new Int32Array(4) as unknown as Uint32Array, good));
    expectSignatureError(() => estimateJaccard(good, [0, 0, 0, 0] as unknown as Uint32Array));
    const e = expectSignatureError(() => estimateJaccard(null as unknown as Uint32Array, good));
    expect(e.message).toContain('null');
  });
});
