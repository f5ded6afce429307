import { NearDupError } from '../errors.js';
import { sortUnique } from '../sketch/shingles.js';
import { intersectionSize } from './metrics.js';

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

/**
 * Window numbers are looked up by previous × units + next, an exact double only below 2⁵³: both factors
 * are below the pair's length in units, so the two paragraphs may hold √2⁵³ ≈ 94.9 million units together.
 */
const MAX_UNITS = 94_906_265;

/**
 * Exact Jaccard and containment of two paragraphs' shingle sets, decided on the terms themselves, never on
 * hashes: each distinct term (or character) gets a number by string equality, then each window of 2, 3, …,
 * k units the number of its pair (window of one fewer, next unit), so two shingles get the same number
 * exactly when they hold the same units. 32-bit shingle hashes only choose which pairs get here (see
 * docs/exactness.md). Reuses its maps and buffers from pair to pair; not shared between threads.
 */
export class ExactShingles {
  private readonly wordIds = new Map<string, number>();
  private readonly charIds = new Map<number, number>();
  private readonly windowIds = new Map<number, number>();
  private aUnits: Uint32Array = new Uint32Array(256);
  private bUnits: Uint32Array = new Uint32Array(256);
  private aWindows: Uint32Array = new Uint32Array(256);
  private bWindows: Uint32Array = new Uint32Array(256);

  constructor(private readonly shape: ShingleShape) {}

  /** The figures of the shingle sets of two term sequences, shingled as the pipeline shingles them. */
  figures(a: readonly string[], b: readonly string[]): SetFigures {
    if (sameTerms(a, b)) {
      const some = a.length > 0 ? 1 : 0;
      return { jaccard: some, containment: some };
    }
    this.wordIds.clear();
    this.charIds.clear();
    this.aUnits = fit(this.aUnits, this.mostUnits(a));
    this.bUnits = fit(this.bUnits, this.mostUnits(b));
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
    this.aWindows = fit(this.aWindows, aLength);
    this.bWindows = fit(this.bWindows, bLength);
    this.aWindows.set(this.aUnits.subarray(0, aLength));
    this.bWindows.set(this.bUnits.subarray(0, bLength));
    const base = this.wordIds.size + this.charIds.size;
    for (let width = 2; width <= Math.max(aWidth, bWidth); width++) {
      this.windowIds.clear();
      if (width <= aWidth) this.widen(this.aWindows, this.aUnits, aLength - width + 1, width, base);
      if (width <= bWidth) this.widen(this.bWindows, this.bUnits, bLength - width + 1, width, base);
    }
    const aCount = aLength === 0 ? 0 : sortUnique(this.aWindows, aLength - aWidth + 1);
    const bCount = bLength === 0 ? 0 : sortUnique(this.bWindows, bLength - bWidth + 1);
    // Shingles of different widths never match; equal widths have numbers from the same map.
    const shared =
      aWidth === bWidth
        ? intersectionSize(this.aWindows.subarray(0, aCount), this.bWindows.subarray(0, bCount))
        : 0;
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
  private widen(windows: Uint32Array, units: Uint32Array, count: number, width: number, base: number): void {
    for (let i = 0; i < count; i++)
      windows[i] = numberOf(this.windowIds, windows[i] * base + units[i + width - 1]);
  }
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
function fit(array: Uint32Array, length: number): Uint32Array {
  return array.length >= length ? array : new Uint32Array(Math.max(length, array.length * 2));
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
