import { describe, expect, it } from 'vitest';
import {
  candidateProbability,
  LshIndex,
  NearDupError,
  optimalParams,
  permutationKeys,
  resolveOptions,
  signInto,
} from '../../src/index.js';

function expectCode(run: () => unknown, code: string): NearDupError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NearDupError);
    expect((error as NearDupError).code).toBe(code);
    expect((error as NearDupError).message.startsWith('neardup:')).toBe(true);
    return error as NearDupError;
  }
  throw new Error(`expected NearDupError ${code}`);
}

function pairsOf(flat: Uint32Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

describe('optimalParams', () => {
  // Expected values computed independently with datasketch's MinHashLSH._optimal_param (transcribed,
  // scipy.integrate.quad) for the same threshold, num_perm and weights.
  it.each([
    [0.9, 128, 0.5, 0.5, 5, 25],
    [0.5, 128, 0.5, 0.5, 25, 5],
    [0.7, 128, 0.5, 0.5, 14, 9],
    [0.7, 128, 0.1, 0.9, 20, 6],
    [0.8, 64, 0.5, 0.5, 5, 11],
    [0.3, 256, 0.5, 0.5, 64, 4],
    [0.95, 16, 0.5, 0.5, 1, 16],
  ])('threshold %s, %s hashes, weights %s/%s → %s bands × %s rows (datasketch)', (t, k, fp, fn, b, r) => {
    const params = optimalParams(t, k, { falsePositive: fp, falseNegative: fn });
    expect([params.bands, params.rows]).toEqual([b, r]);
  });

  it('defaults to equal weights', () => {
    const p = optimalParams(0.9, 128);
    expect([p.bands, p.rows]).toEqual([5, 25]);
  });

  it('reports the two areas under the S-curve', () => {
    const { bands, rows, falsePositiveArea, falseNegativeArea } = optimalParams(0.5, 128);
    // Midpoint rule, independent of the implementation's Simpson integration.
    const n = 20_000;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < n; i++) {
      const lo = (0.5 * (i + 0.5)) / n;
      const hi = 0.5 + (0.5 * (i + 0.5)) / n;
      fp += (1 - (1 - lo ** rows) ** bands) * (0.5 / n);
      fn += (1 - hi ** rows) ** bands * (0.5 / n);
    }
    expect(falsePositiveArea).toBeCloseTo(fp, 6);
    expect(falseNegativeArea).toBeCloseTo(fn, 6);
  });

  it('keeps bands × rows ≤ numHashes for every threshold and size', () => {
    for (const k of [1, 2, 3, 16, 17, 100, 128]) {
      for (const t of [0.05, 0.3, 0.5, 0.77, 0.9, 1]) {
        const { bands, rows } = optimalParams(t, k, { falsePositive: 0.3, falseNegative: 0.7 });
        expect(Number.isInteger(bands) && Number.isInteger(rows)).toBe(true);
        expect(bands).toBeGreaterThanOrEqual(1);
        expect(rows).toBeGreaterThanOrEqual(1);
        expect(bands * rows).toBeLessThanOrEqual(k);
      }
    }
  });

  it('returns a copy: mutating a result does not affect later calls', () => {
    const first = optimalParams(0.6, 64);
    first.bands = 999;
    expect(optimalParams(0.6, 64).bands).not.toBe(999);
  });

  it('validates its arguments', () => {
    for (const t of [0, -0.1, 1.5, Number.NaN, '0.5']) {
      const e = expectCode(() => optimalParams(t as number, 128), 'INVALID_OPTION');
      expect(e.message).toContain('threshold');
    }
    for (const k of [0, -1, 1.5, Number.POSITIVE_INFINITY]) {
      expectCode(() => optimalParams(0.5, k), 'INVALID_OPTION');
    }
  });
});

describe('candidateProbability', () => {
  it('is 1 − (1 − s^r)^b', () => {
    expect(candidateProbability(0, 5, 5)).toBe(0);
    expect(candidateProbability(1, 5, 5)).toBe(1);
    expect(candidateProbability(0.5, 2, 1)).toBeCloseTo(0.75, 12);
    expect(candidateProbability(0.5, 1, 2)).toBeCloseTo(0.25, 12);
  });
});

describe('LshIndex', () => {
  const keys = permutationKeys(3, 32);
  const sig = (set: number[]) => {
    const out = new Uint32Array(32);
    signInto(Uint32Array.from(set), 0, set.length, keys, out, 0);
    return out;
  };
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

  it('rejects bands or rows below 1 or not integers', () => {
    expectCode(() => new LshIndex(0, 4), 'INVALID_OPTION');
    expectCode(() => new LshIndex(4, 0), 'INVALID_OPTION');
    expectCode(() => new LshIndex(2.5, 4), 'INVALID_OPTION');
  });

  it('rejects signatures shorter than bands × rows', () => {
    const index = new LshIndex(8, 4);
    expectCode(() => index.insert(0, new Uint32Array(31)), 'INVALID_SIGNATURE');
    expectCode(() => index.query(new Uint32Array(32), 1), 'INVALID_SIGNATURE');
  });

  it('makes identical signatures candidates and keeps unrelated ones apart', () => {
    const index = new LshIndex(8, 4);
    const a = sig(range(0, 100));
    const c = sig(range(10_000, 100));
    index.insert(0, a);
    index.insert(1, a.slice());
    index.insert(2, c);
    expect(index.query(a)).toEqual([0, 1]);
    expect(index.query(c)).toEqual([2]);
    expect(pairsOf(index.candidatePairs())).toEqual([[0, 1]]);
  });

  it('query finds nothing in an empty index and works with an offset into a flat array', () => {
    const index = new LshIndex(4, 8);
    const flat = new Uint32Array(64);
    flat.set(sig(range(0, 50)), 32);
    expect(index.query(flat, 32)).toEqual([]);
    index.insert(7, flat, 32);
    expect(index.query(sig(range(0, 50)))).toEqual([7]);
  });

  it('finds a highly similar pair through one shared band', () => {
    // J = 95/105 ≈ 0.9: with 8 bands of 4 rows, P(candidate) = 1 − (1 − 0.9⁴)⁸ > 0.999.
    const index = new LshIndex(8, 4);
    index.insert(0, sig(range(0, 100)));
    index.insert(1, sig(range(5, 100)));
    expect(pairsOf(index.candidatePairs())).toEqual([[0, 1]]);
  });

  it('candidatePairs lists each pair once, a < b, sorted, whatever the insertion order', () => {
    const index = new LshIndex(8, 4);
    const shared = sig(range(0, 40));
    for (const id of [9, 3, 5, 3]) index.insert(id, shared); // 3 twice: no self-pair
    index.insert(4, sig(range(500, 40)));
    const pairs = pairsOf(index.candidatePairs());
    expect(pairs).toEqual([
      [3, 5],
      [3, 9],
      [5, 9],
    ]);
    for (const [a, b] of pairs) expect(a).toBeLessThan(b);
  });

  it('handles large ids without mixing up pairs', () => {
    const index = new LshIndex(4, 8);
    const s = sig(range(0, 30));
    index.insert(1_000_000, s);
    index.insert(2, s);
    index.insert(999_999, sig(range(100, 30)));
    expect(pairsOf(index.candidatePairs())).toEqual([[2, 1_000_000]]);
  });
});

describe('optimalParams with a floor on P(candidate | J = threshold)', () => {
  it('only considers choices that reach the floor', () => {
    for (const threshold of [0.5, 0.7, 0.8, 0.9]) {
      const free = optimalParams(threshold, 128);
      const floored = optimalParams(threshold, 128, {
        falsePositive: 0.5,
        falseNegative: 0.5,
        minCandidateProbability: 0.97,
      });
      expect(candidateProbability(threshold, free.bands, free.rows)).toBeLessThan(0.97);
      expect(candidateProbability(threshold, floored.bands, floored.rows)).toBeGreaterThanOrEqual(0.97);
      expect(floored.bands * floored.rows).toBeLessThanOrEqual(128);
    }
  });

  it('takes the closest choice when no (bands, rows) reaches the floor', () => {
    // At J = 0.1 the best 16 hashes can do is 16 bands of 1 row: P = 1 − 0.9¹⁶ ≈ 0.81 < 0.99.
    const p = optimalParams(0.1, 16, {
      falsePositive: 0.5,
      falseNegative: 0.5,
      minCandidateProbability: 0.99,
    });
    expect(p).toMatchObject({ bands: 16, rows: 1 });
  });

  it('is the default: 20 bands × 5 rows at threshold 0.7 with 128 hashes', () => {
    const { resolved } = resolveOptions({});
    expect(resolved.minCandidateProbability).toBe(0.97);
    expect([resolved.bands, resolved.rows]).toEqual([20, 5]);
    expect(resolveOptions({ minCandidateProbability: 0 }).resolved).toMatchObject({ bands: 14, rows: 9 });
    expect(() => resolveOptions({ minCandidateProbability: 1.5 })).toThrow(/minCandidateProbability/);
  });
});

describe('LshIndex ids', () => {
  it('refuses ids that are not integers from 0 to 94,906,264 (they would wrap or lose pair keys)', () => {
    const index = new LshIndex(2, 2);
    const signature = new Uint32Array(4);
    for (const id of [-1, 1.5, Number.NaN, 94_906_265, 2 ** 32, '3' as unknown as number]) {
      const e = expectCode(() => index.insert(id, signature), 'INVALID_INPUT');
      expect(e.message).toContain('LshIndex ids');
    }
    index.insert(94_906_264, signature);
    index.insert(0, signature);
    expect(Array.from(index.candidatePairs())).toEqual([0, 94_906_264]);
  });

  it('answers like a plain reference after many inserts and queries interleaved (its lookup folds as it grows)', () => {
    const keys = permutationKeys(9, 16);
    const index = new LshIndex(4, 4);
    const reference = new Map<number, string[]>(); // id → its band rows, as strings
    const bandsOf = (sig: Uint32Array) =>
      [0, 1, 2, 3].map((b) => `${b}:${sig.subarray(b * 4, b * 4 + 4).join(',')}`);
    for (let id = 0; id < 6000; id++) {
      const set = Uint32Array.from([id % 97, (id * 7) % 13, 5000 + (id % 11)]);
      const sig = new Uint32Array(16);
      signInto(set.sort(), 0, set.length, keys, sig, 0);
      index.insert(id, sig);
      reference.set(id, bandsOf(sig));
      if (id % 1000 === 999) {
        const wanted = bandsOf(sig);
        const expected = [...reference].filter(([, b]) => b.some((x) => wanted.includes(x))).map(([i]) => i);
        expect(index.query(sig)).toEqual(expected);
      }
    }
  });
});
