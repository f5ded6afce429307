import { NearDupError } from '../errors.js';
import { withRoom } from '../util/grow.js';

/**
 * Candidate pairs allowed per allowed flagged pair (maxPairs) before a detection gives up: the one limit
 * every entry point (findDuplicates, its parallel form, the lasting and the shared index) applies.
 */
export const CANDIDATES_PER_PAIR = 20;

/** √(2⁵³): above this many paragraphs, a × span + b pair keys would lose precision. */
export const MAX_PARAGRAPHS = 94_906_265;

/** Throws when one call holds more paragraphs than pair keys can address. */
export function checkParagraphCount(total: number): void {
  if (total > MAX_PARAGRAPHS) {
    throw new NearDupError(
      'INVALID_INPUT',
      `neardup: ${total} paragraphs in one call; at most ${MAX_PARAGRAPHS} are supported (pair keys must stay exact doubles)`,
    );
  }
}

/**
 * Candidate pairs a < b, kept as one double each (a × span + b, exact while span ≤ MAX_PARAGRAPHS) in a
 * flat growing array, then sorted and deduplicated once: no Set of millions of entries, and the sorted
 * order visits each paragraph's candidates together, which keeps the verifier's cache small.
 */
export class CandidatePairs {
  private keys = new Float64Array(1024);
  private length = 0;
  private readonly limit: number;

  /**
   * More than CANDIDATES_PER_PAIR × maxPairs distinct pairs stop the call with TOO_MANY_PAIRS. Repeats (a
   * pair sharing several bands) are folded whenever they fill twice the limit, so memory stays bounded
   * by 2 × limit pairs.
   */
  constructor(
    readonly span: number,
    private readonly maxPairs: number,
  ) {
    checkParagraphCount(span);
    this.limit = CANDIDATES_PER_PAIR * maxPairs;
  }

  /** Every pair of the ids[0, count) (distinct, any order). */
  addGroup(ids: Uint32Array, count: number): void {
    const pairs = (count * (count - 1)) / 2;
    if (pairs > this.limit) throw this.tooMany(pairs); // all distinct
    if (this.length + pairs > 2 * this.limit) this.compact();
    this.keys = withRoom(this.keys, this.length + pairs, this.length);
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
    if (this.length === this.keys.length) this.keys = withRoom(this.keys, this.length + 1, this.length);
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
    if (unique > this.limit) throw this.tooMany(unique);
  }

  private tooMany(count: number): NearDupError {
    return tooManyPairs(`${count} candidate pairs`, this.limit, this.maxPairs);
  }
}

/** The error for more overlap pairs than maxPairs (the limit verification applies). */
export function tooManyFlagged(maxPairs: number): NearDupError {
  return tooManyPairs(`more than ${maxPairs} overlap pairs`, maxPairs, maxPairs);
}

function tooManyPairs(what: string, limit: number, maxPairs: number): NearDupError {
  return new NearDupError(
    'TOO_MANY_PAIRS',
    `neardup: ${what}, over the limit of ${limit} (maxPairs = ${maxPairs}); this usually means many paragraphs share one passage: lower passageParagraphs to report it once as a repeated passage, or raise maxPairs`,
  );
}

/** The two ids of a pair key a × span + b. */
export function pairOfKey(key: number, span: number): [number, number] {
  const a = Math.floor(key / span);
  return [a, key - a * span];
}
