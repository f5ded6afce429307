import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByKey } from '../../src/util/radix-sort.js';

describe('sortByKey', () => {
  it('sorts by key ascending and keeps the order of equal keys (property)', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffffffff }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (list) => {
        const keys = Uint32Array.from(list);
        const values = Uint32Array.from(list, (_, i) => i);
        sortByKey(keys, values, list.length, new Uint32Array(1));
        const expected = list.map((k, i) => [k, i]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect([...keys]).toEqual(expected.map(([k]) => k));
        expect([...values]).toEqual(expected.map(([, i]) => i));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts only the first n entries', () => {
    const keys = Uint32Array.of(5, 1, 3, 0);
    const values = Uint32Array.of(0, 1, 2, 3);
    sortByKey(keys, values, 3, new Uint32Array(0));
    expect([...keys]).toEqual([1, 3, 5, 0]);
    expect([...values]).toEqual([1, 2, 0, 3]);
  });
});
