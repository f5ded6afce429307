import { describeValue, NearDupError } from '../errors.js';
import { writeBandKeys } from './band-keys.js';
import { CandidatePairs, MAX_PARAGRAPHS, pairOfKey } from './candidate-pairs.js';
import { collectCandidates } from './collect.js';
import { KeyLookup } from './lookup.js';
import { KeyedIds } from './radix-groups.js';

/**
 * Locality-sensitive hashing over MinHash signatures, as a building block: the signature is cut into
 * `bands` bands of `rows` values; two items become candidates when any band is identical. A thin face
 * over what findDuplicates and the lasting index use: the same band keys (writeBandKeys), the same
 * lookup (KeyLookup, one table per band) and the same candidate search (collectCandidates).
 */
export class LshIndex {
  readonly bands: number;
  readonly rows: number;
  private readonly lookup: KeyLookup;
  private readonly keys: Uint32Array;
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
    this.keys = new Uint32Array(bands);
    this.lookup = new KeyLookup(Array.from({ length: bands }, () => new KeyedIds(16)));
  }

  /** Adds item `id` (an integer from 0 to 94,906,264) with the signature at signatures[offset, offset + bands × rows). */
  insert(id: number, signatures: Uint32Array, offset = 0): void {
    if (!Number.isInteger(id) || id < 0 || id >= MAX_PARAGRAPHS) {
      throw new NearDupError(
        'INVALID_INPUT',
        `neardup: LshIndex ids are integers from 0 to ${MAX_PARAGRAPHS - 1}, got ${describeValue(id)}`,
      );
    }
    this.bandKeys(signatures, offset);
    for (let band = 0; band < this.bands; band++) this.lookup.add(band, this.keys[band], id);
    if (id > this.maxId) this.maxId = id;
    const { base, delta } = this.lookup.sizes;
    if (delta * 4 > Math.max(base, 4096)) this.lookup.fold();
  }

  /** Ids of the items sharing at least one band with this signature, ascending. */
  query(signatures: Uint32Array, offset = 0): number[] {
    this.bandKeys(signatures, offset);
    const found = new Set<number>();
    for (let band = 0; band < this.bands; band++)
      for (const id of this.lookup.idsOf(band, this.keys[band])) found.add(id);
    return [...found].sort((x, y) => x - y);
  }

  /** Every pair of items that share a bucket, each once, as a flat [a0, b0, a1, b1, …] with a < b, sorted. */
  candidatePairs(): Uint32Array {
    const span = this.maxId + 1;
    const collected = new CandidatePairs(span, Number.POSITIVE_INFINITY);
    collectCandidates({ count: this.bands, table: (t) => this.lookup.entries(t) }, collected);
    const keys = collected.sortedUnique();
    const pairs = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) [pairs[2 * i], pairs[2 * i + 1]] = pairOfKey(keys[i], span);
    return pairs;
  }

  private bandKeys(signatures: Uint32Array, offset: number): void {
    if (offset + this.bands * this.rows > signatures.length) {
      throw new NearDupError(
        'INVALID_SIGNATURE',
        `neardup: LSH needs ${this.bands * this.rows} signature values from offset ${offset}, the array has ${signatures.length}`,
      );
    }
    writeBandKeys(signatures, offset, this.bands, this.rows, this.keys, 0);
  }
}
