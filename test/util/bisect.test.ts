import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstAtOrAbove, lastAtOrBelow } from '../../src/util/bisect.js';

// References: a plain linear scan.
const firstAtOrAboveLinear = (sorted: number[], value: number) => {
  const i = sorted.findIndex((v) => v >= value);
  return i < 0 ? sorted.length : i;
};
const lastAtOrBelowLinear = (sorted: number[], value: number) => {
  let found = 0;
  for (let i = 0; i < sorted.length; i++) if (sorted[i] <= value) found = i;
  return found;
};

describe('binary search', () => {
  it('agrees with a linear scan on sorted arrays with repeats', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 })),
        fc.integer({ min: -25, max: 25 }),
        (values, x) => {
          const sorted = values.sort((a, b) => a - b);
          expect(firstAtOrAbove(sorted, x)).toBe(firstAtOrAboveLinear(sorted, x));
          expect(firstAtOrAbove(Int32Array.from(sorted), x)).toBe(firstAtOrAboveLinear(sorted, x));
          expect(lastAtOrBelow(sorted, x)).toBe(lastAtOrBelowLinear(sorted, x));
        },
      ),
    );
  });

  it('searches a range and handles fractions', () => {
    expect(firstAtOrAbove([1, 2, 2, 3, 9], 2, 2, 4)).toBe(2);
    expect(firstAtOrAbove([1, 2, 2, 3, 9], 5, 0, 4)).toBe(4);
    expect(lastAtOrBelow([0, 1.5, 2.5], 2)).toBe(1);
    expect(lastAtOrBelow([0, 1.5, 2.5], 1.5)).toBe(1);
    expect(lastAtOrBelow([], 3)).toBe(0);
  });
});
