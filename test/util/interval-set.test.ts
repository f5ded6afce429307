import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalSet } from '../../src/util/interval-set.js';

describe('IntervalSet', () => {
  it('answers overlaps as a plain list of the ranges added, however many (chunks split past 256)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 20_000 }), fc.integer({ min: 1, max: 40 })), { maxLength: 1500 }),
        (ranges) => {
          const set = new IntervalSet();
          const kept: [number, number][] = [];
          for (const [from, length] of ranges) {
            const to = from + length;
            const expected = kept.some(([f, t]) => f < to && from < t);
            expect(set.overlaps(from, to)).toBe(expected);
            if (!expected) {
              set.add(from, to);
              kept.push([from, to]);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('adds 100,000 disjoint ranges in any order and answers right across its chunks', () => {
    const set = new IntervalSet();
    const order = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_000);
    for (const i of order) {
      expect(set.overlaps(i * 3, i * 3 + 2)).toBe(false);
      set.add(i * 3, i * 3 + 2);
    }
    expect(set.overlaps(150, 151)).toBe(true);
    expect(set.overlaps(2, 3)).toBe(false);
  });
});
