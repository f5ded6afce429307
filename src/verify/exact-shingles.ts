import { NearDupError } from '../errors.js';

/** Jaccard and containment of two shingle sets (see metrics.ts for the definitions). */
export interface SetFigures {
  jaccard: number;
  containment: number;
}

/** What a shingle is made of: consecutive terms, or consecutive characters of the terms joined by spaces. */
export interface ShingleShape {
  shingleSize: number;
  shingleUnit: 'word' | 'char';
}

/** Shingles spelled as numbers stay below this, so exact doubles (2⁵³, halved for the rounding of u ** w). */
const EXACT = 2 ** 52;

/**
 * Window numbers are looked up by previous × units + next, below (units of the pair)², which must stay
 * an exact double: the two paragraphs may hold √2⁵³ ≈ 94.9 million units together.
 */
const MAX_UNITS = 94_906_265;

/**
 * Exact Jaccard and containment of two paragraphs' shingle sets, decided on the terms themselves, never on
 * hashes: each distinct term (or character) of the pair gets a number by string equality, u of them, and
 * a shingle of w units is the number those units spell in base u, exact while u^w ≤ 2⁵² (for 3-word
 * shingles, pairs of up to 165,140 distinct words). Past that, each window of 2, 3, …, w units gets the
 * number of its pair (window of one unit fewer, next unit) from a map instead. Either way two shingles get
 * the same number exactly when they hold the same units. 32-bit shingle hashes only choose which pairs
 * get here (see docs/exactness.md). Reuses its maps and buffers from pair to pair; not shared between threads.
 */
export class ExactShingles {
  private readonly wordIds = new Map<string, number>();
  private readonly charIds = new Map<number, number>();
  private readonly windowIds = new Map<number, number>();
  private aUnits: Uint32Array = new Uint32Array(256);
  private bUnits: Uint32Array = new Uint32Array(256);
  private aShingles: Float64Array = new Float64Array(256);
  private bShingles: Float64Array = new Float64Array(256);

  constructor(private readonly shape: ShingleShape) {}

  /** The figures of the shingle sets of two term sequences, shingled as the pipeline shingles them. */
  figures(a: readonly string[], b: readonly string[]): SetFigures {
    if (sameTerms(a, b)) {
      const some = a.length > 0 ? 1 : 0;
      return { jaccard: some, containment: some };
    }
    this.wordIds.clear();
    this.charIds.clear();
    this.aUnits = fitUint32(this.aUnits, this.mostUnits(a));
    this.bUnits = fitUint32(this.bUnits, this.mostUnits(b));
    const aLength = this.number(a, this.aUnits);
    const bLength = this.number(b, this.bUnits);
    if (aLength + bLength > MAX_UNITS) {
      throw new NearDupError(
        'INVALID_INPUT',
        `neardup: a pair of paragraphs of ${aLength + bLength} ${this.shape.shingleUnit}s together; exact verification supports at most ${MAX_UNITS}`,
      );
    }
    const k = this.shape.shingleSize;
    // A sequence shorter than k is one shingle of all of it (as in sketch/shingles.ts).
    const aWidth = Math.min(aLength, k);
    const bWidth = Math.min(bLength, k);
    const units = this.wordIds.size + this.charIds.size;
    this.aShingles = fitFloat64(this.aShingles, aLength);
    this.bShingles = fitFloat64(this.bShingles, bLength);
    if (units ** Math.max(aWidth, bWidth) <= EXACT) {
      spell(this.aUnits, aLength, aWidth, units, this.aShingles);
      spell(this.bUnits, bLength, bWidth, units, this.bShingles);
    } else {
      this.aShingles.set(this.aUnits.subarray(0, aLength));
      this.bShingles.set(this.bUnits.subarray(0, bLength));
      for (let width = 2; width <= Math.max(aWidth, bWidth); width++) {
        this.windowIds.clear();
        if (width <= aWidth) this.widen(this.aShingles, this.aUnits, aLength - width + 1, width, units);
        if (width <= bWidth) this.widen(this.bShingles, this.bUnits, bLength - width + 1, width, units);
      }
    }
    const aCount = sortUnique(this.aShingles, aLength === 0 ? 0 : aLength - aWidth + 1);
    const bCount = sortUnique(this.bShingles, bLength === 0 ? 0 : bLength - bWidth + 1);
    // Shingles of different widths never match (and their numbers are not comparable).
    const shared = aWidth === bWidth ? sharedCount(this.aShingles, aCount, this.bShingles, bCount) : 0;
    const union = aCount + bCount - shared;
    const smaller = Math.min(aCount, bCount);
    return { jaccard: union === 0 ? 0 : shared / union, containment: smaller === 0 ? 0 : shared / smaller };
  }

  /** At least the number of units in `terms` (UTF-16 code units for characters, ≥ code points). */
  private mostUnits(terms: readonly string[]): number {
    if (this.shape.shingleUnit === 'word') return terms.length;
    let length = terms.length;
    for (const term of terms) length += term.length;
    return length;
  }

  /** Numbers the units of `terms` into `out` (words by string equality, or code points); returns how many. */
  private number(terms: readonly string[], out: Uint32Array): number {
    if (this.shape.shingleUnit === 'word') {
      for (let i = 0; i < terms.length; i++) out[i] = numberOf(this.wordIds, terms[i]);
      return terms.length;
    }
    const text = terms.join(' ');
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      out[n++] = numberOf(this.charIds, cp);
    }
    return n;
  }

  /**
   * windows[i] numbers units[i, i + width − 1) on entry and units[i, i + width) on return, for the
   * `count` windows of that width: the number of the pair (shorter window, next unit).
   */
  private widen(windows: Float64Array, units: Uint32Array, count: number, width: number, base: number): void {
    for (let i = 0; i < count; i++)
      windows[i] = numberOf(this.windowIds, windows[i] * base + units[i + width - 1]);
  }
}

/** Writes the number of each window of `width` units, in base `base` (< 2⁵³ by the caller's check). */
function spell(units: Uint32Array, length: number, width: number, base: number, out: Float64Array): void {
  for (let i = 0; i + width <= length; i++) {
    let value = 0;
    for (let j = i; j < i + width; j++) value = value * base + units[j];
    out[i] = value;
  }
}

/** Sorts values[0, count) and removes repeats in place; returns how many remain. */
function sortUnique(values: Float64Array, count: number): number {
  if (count === 0) return 0;
  const view = values.subarray(0, count).sort();
  let unique = 1;
  for (let i = 1; i < count; i++) if (view[i] !== view[unique - 1]) view[unique++] = view[i];
  return unique;
}

/** Size of the intersection of two sorted runs of unique values. */
function sharedCount(a: Float64Array, aCount: number, b: Float64Array, bCount: number): number {
  let shared = 0;
  for (let i = 0, j = 0; i < aCount && j < bCount; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

/** The number of `key` in `ids`, the next free one when it is new. */
function numberOf<K>(ids: Map<K, number>, key: K): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}

/** `array` when it holds `length` values, else a larger one (contents not kept). */
function fitUint32(array: Uint32Array, length: number): Uint32Array {
  return array.length >= length ? array : new Uint32Array(Math.max(length, array.length * 2));
}

function fitFloat64(array: Float64Array, length: number): Float64Array {
  return array.length >= length ? array : new Float64Array(Math.max(length, array.length * 2));
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
