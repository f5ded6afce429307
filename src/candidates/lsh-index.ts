import { NearDupError } from '../errors.js';
import { hashSequence } from '../sketch/hash.js';
import { addPairKeys, pairOfKey } from './pair-keys.js';

/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into `bands` bands of `rows`
 * values; two items become candidates when any band is identical. A band is keyed by a 32-bit hash of
 * its rows, so a rare key collision only adds a candidate, which verification then rejects.
 */
export class LshIndex {
  readonly bands: number;
  readonly rows: number;
  private readonly tables: Map<number, number[]>[];
  private maxId = -1;

  constructor(bands: number, rows: number) {
    if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1) {
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: LSH needs integer bands and rows ≥ 1, got ${bands} × ${rows}`,
      );
    }
    this.bands = bands;
    this.rows = rows;
    this.tables = Array.from({ length: bands }, () => new Map<number, number[]>());
  }

  /** Adds item `id` (a non-negative integer) with the signature at signatures[offset, offset + bands × rows). */
  insert(id: number, signatures: Uint32Array, offset = 0): void {
    this.checkLength(signatures, offset);
    for (let band = 0; band < this.bands; band++) {
      const key = hashSequence(signatures, offset + band * this.rows, this.rows, band);
      const table = this.tables[band];
      const bucket = table.get(key);
      if (bucket === undefined) table.set(key, [id]);
      else bucket.push(id);
    }
    if (id > this.maxId) this.maxId = id;
  }

  /** Ids of the items sharing at least one band with this signature, ascending. */
  query(signatures: Uint32Array, offset = 0): number[] {
    this.checkLength(signatures, offset);
    const found = new Set<number>();
    for (let band = 0; band < this.bands; band++) {
      const bucket = this.tables[band].get(
        hashSequence(signatures, offset + band * this.rows, this.rows, band),
      );
      if (bucket) for (const id of bucket) found.add(id);
    }
    return [...found].sort((x, y) => x - y);
  }

  /** Every pair of items that share a bucket, each once, as a flat [a0, b0, a1, b1, …] with a < b, sorted. */
  candidatePairs(): Uint32Array {
    const span = this.maxId + 1;
    const keys = Float64Array.from(this.pairKeys(span, new Set())).sort();
    const pairs = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      [pairs[2 * i], pairs[2 * i + 1]] = pairOfKey(keys[i], span);
    }
    return pairs;
  }

  /** Adds every pair sharing a bucket to `into` as a key a × span + b (span > every id). */
  pairKeys(span: number, into: Set<number>): Set<number> {
    for (const table of this.tables) {
      for (const bucket of table.values()) if (bucket.length > 1) addPairKeys(bucket, span, into);
    }
    return into;
  }

  private checkLength(signatures: Uint32Array, offset: number): void {
    if (offset + this.bands * this.rows > signatures.length) {
      throw new NearDupError(
        'INVALID_SIGNATURE',
        `neardup: LSH needs ${this.bands * this.rows} signature values from offset ${offset}, the array has ${signatures.length}`,
      );
    }
  }
}
