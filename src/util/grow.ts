/** The typed arrays neardup grows (one helper for all of them). */
type Grown = Uint8Array | Int32Array | Uint32Array | Float64Array;

/**
 * `array` itself when it holds at least `needed` values; otherwise a new array of the same type with
 * room for max(needed, twice its length) values (doubling keeps appends amortised O(1)) and its first
 * `keep` values copied over.
 */
export function withRoom<T extends Grown>(array: T, needed: number, keep = 0): T {
  if (array.length >= needed) return array;
  const grown = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  if (keep > 0) grown.set(array.subarray(0, keep) as never);
  return grown;
}

/** An append-only Uint32Array that doubles when full; the values are data[0, length). */
export class GrowableUint32 {
  data: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }

  append(values: Uint32Array, count: number): void {
    this.data = withRoom(this.data, this.length + count, this.length);
    this.data.set(values.subarray(0, count), this.length);
    this.length += count;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.data = withRoom(this.data, this.length + 1, this.length);
    this.data[this.length++] = value;
  }

  /** The values, as a view (no copy). */
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}
