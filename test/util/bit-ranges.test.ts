import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitRanges } from '../../src/util/bit-ranges.js';

describe('BitRanges', () => {
  it('answers overlaps as a set of marked positions does, across word boundaries (property)', () => {
    const range = fc
      .tuple(fc.nat(199), fc.integer({ min: 1, max: 80 }))
      .map(([from, length]) => [from, Math.min(200, from + length)] as const);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), range), { maxLength: 40 }), (steps) => {
        const ranges = new BitRanges();
        ranges.reset(200);
        const marked = new Set<number>();
        for (const [add, [from, to]] of steps) {
          let expected = false;
          for (let k = from; k < to; k++) expected ||= marked.has(k);
          expect(ranges.overlaps(from, to)).toBe(expected);
          if (!add) continue;
          ranges.add(from, to);
          for (let k = from; k < to; k++) marked.add(k);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('forgets every mark on reset, also after growing', () => {
    const ranges = new BitRanges();
    ranges.reset(40);
    ranges.add(0, 40);
    ranges.reset(1000);
    expect(ranges.overlaps(0, 1000)).toBe(false);
    ranges.add(31, 33);
    ranges.reset(40);
    expect(ranges.overlaps(0, 40)).toBe(false);
  });
});
