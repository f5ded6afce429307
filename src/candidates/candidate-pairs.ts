import { NearDupError } from '../errors.js';

/**
 * Candidate pairs a < b, kept as one double each (a × span + b, exact while span ≤ 9.4 × 10⁷) in a flat
 * growing array, then sorted and deduplicated once: no Set of millions of entries, and the sorted order
 * visits each paragraph's candidates together, which keeps the verifier's cache small.
 */
export class CandidatePairs {
  private keys = new Float64Array(1024);
  private length = 0;

  /**
   * More than `limit` distinct pairs stop the detection with TOO_MANY_PAIRS (`why(count)` is the message).
   * Repeats (a pair sharing several bands) are folded whenever they fill twice the limit, so memory stays
   * bounded by 2 × limit pairs.
   */
  constructor(
    readonly span: number,
    private readonly limit: number,
    private readonly why: (count: number) => string,
  ) {}

  /** Every pair of the ids[0, count) (distinct, any order). */
  addGroup(ids: Uint32Array, count: number): void {
    const pairs = (count * (count - 1)) / 2;
    if (pairs > this.limit) throw new NearDupError('TOO_MANY_PAIRS', this.why(pairs)); // all distinct
    if (this.length + pairs > 2 * this.limit) this.compact();
    this.reserve(pairs);
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const a = Math.min(ids[i], ids[j]);
        const b = Math.max(ids[i], ids[j]);
        this.keys[this.length++] = a * this.span + b;
      }
    }
  }

  /** One pair of distinct ids, in any order. */
  add(x: number, y: number): void {
    if (this.length + 1 > 2 * this.limit) this.compact();
    this.reserve(1);
    this.keys[this.length++] = x < y ? x * this.span + y : y * this.span + x;
  }

  /** The distinct pair keys, ascending (so by a, then by b). */
  sortedUnique(): Float64Array {
    this.compact();
    return this.keys.subarray(0, this.length);
  }

  /** Sorts and folds repeats; throws when the distinct pairs exceed the limit. */
  private compact(): void {
    const keys = this.keys.subarray(0, this.length).sort();
    let unique = 0;
    for (let i = 0; i < keys.length; i++) {
      if (i === 0 || keys[i] !== keys[unique - 1]) keys[unique++] = keys[i];
    }
    this.length = unique;
    if (unique > this.limit) throw new NearDupError('TOO_MANY_PAIRS', this.why(unique));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.keys.length) return;
    let capacity = this.keys.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Float64Array(capacity);
    grown.set(this.keys.subarray(0, this.length));
    this.keys = grown;
  }
}
