import { describe, expect, it } from 'vitest';
import { GrowableUint32, withRoom } from '../../src/util/grow.js';

describe('withRoom', () => {
  it('returns the array itself while it has room', () => {
    const a = new Uint32Array(8);
    expect(withRoom(a, 8)).toBe(a);
    expect(withRoom(a, 0)).toBe(a);
  });

  it('grows to at least twice the length, same type, keeping the first values asked for', () => {
    for (const make of [
      (n: number) => new Uint8Array(n),
      (n: number) => new Int32Array(n),
      (n: number) => new Uint32Array(n),
      (n: number) => new Float64Array(n),
    ]) {
      const a = make(4);
      a.set([1, 2, 3, 4]);
      const b = withRoom(a, 5, 3);
      expect(b.constructor).toBe(a.constructor);
      expect(b.length).toBe(8);
      expect([...b.subarray(0, 4)]).toEqual([1, 2, 3, 0]);
      expect(withRoom(a, 100).length).toBe(100);
      expect(withRoom(make(0), 1).length).toBe(1);
    }
  });
});

describe('GrowableUint32', () => {
  it('appends and pushes past its capacity, in order', () => {
    const g = new GrowableUint32(2);
    const expected: number[] = [];
    for (let i = 0; i < 50; i++) {
      if (i % 5 === 0) {
        g.append(Uint32Array.of(i, i + 1000, 7), 2);
        expected.push(i, i + 1000);
      } else {
        g.push(i);
        expected.push(i);
      }
    }
    expect([...g.view()]).toEqual(expected);
    expect(g.length).toBe(expected.length);
  });
});
