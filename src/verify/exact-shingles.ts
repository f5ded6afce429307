import { hashSequence } from '../sketch/hash.js';
import { sortByKey } from '../util/radix-sort.js';

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

/** A paragraph's terms with a 32-bit hash of each (any hash: equal terms must have equal hashes). */
export interface HashedTerms {
  words: readonly string[];
  hashes: Uint32Array;
}

/**
 * One paragraph's distinct shingles, sorted by hash: shingle i is units[starts[i], starts[i] + width),
 * and no two of them are equal (compared unit by unit). Made once per paragraph, then merged with the
 * set of every paragraph it is compared with.
 */
export interface ShingleSet {
  /** The terms (word shingles) or the code points of the terms joined by spaces (character shingles). */
  units: ArrayLike<string | number>;
  width: number;
  hashes: Uint32Array;
  starts: Uint32Array;
}

/**
 * Exact Jaccard and containment of two paragraphs' shingle sets, decided on the terms themselves. Hashes
 * only say which shingles to compare: two shingles count as equal when their units are (terms by string
 * equality, code points by value), so a collision of 32-bit hashes costs one more comparison, never a
 * wrong figure, and the 32-bit shingle sets of the index only choose which pairs get here (see
 * docs/exactness.md). Each paragraph's set is sorted once (shingleSet), so a pair costs a merge of two
 * sorted arrays plus a comparison per shared shingle: a 1 MB paragraph meets every other one.
 */
export class ExactShingles {
  private spare: Uint32Array = new Uint32Array(256);

  constructor(private readonly shape: ShingleShape) {}

  /** The figures of the shingle sets of two paragraphs' terms, shingled as the pipeline shingles them. */
  figures(a: HashedTerms, b: HashedTerms): SetFigures {
    return this.compare(this.shingleSet(a), this.shingleSet(b));
  }

  /** The figures of two shingle sets made by shingleSet. */
  compare(x: ShingleSet, y: ShingleSet): SetFigures {
    const shared = x.width === y.width ? sharedShingles(x, y) : 0;
    const union = x.hashes.length + y.hashes.length - shared;
    const smaller = Math.min(x.hashes.length, y.hashes.length);
    return { jaccard: union === 0 ? 0 : shared / union, containment: smaller === 0 ? 0 : shared / smaller };
  }

  /** The distinct shingles of a paragraph's terms, as the pipeline shingles them. */
  shingleSet(terms: HashedTerms): ShingleSet {
    const word = this.shape.shingleUnit === 'word';
    const units = word ? terms.words : codePoints(terms.words);
    const unitHashes = word ? terms.hashes : (units as Uint32Array);
    const length = units.length;
    // A sequence shorter than k is one shingle of all of it (as in sketch/shingles.ts).
    const width = Math.min(length, this.shape.shingleSize);
    const count = length === 0 ? 0 : length - width + 1;
    const hashes = new Uint32Array(count);
    const starts = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      hashes[i] = hashSequence(unitHashes, i, width, 0);
      starts[i] = i;
    }
    this.spare = sortByKey(hashes, starts, count, this.spare);
    // Within each run of equal hashes, keep the first of each group of equal shingles.
    let kept = 0;
    for (let i = 0; i < count; ) {
      const groupStart = kept;
      let end = i;
      while (end < count && hashes[end] === hashes[i]) end++;
      for (; i < end; i++) {
        let seen = false;
        for (let k = groupStart; k < kept && !seen; k++)
          seen = sameUnits(units, starts[k], units, starts[i], width);
        if (seen) continue;
        hashes[kept] = hashes[i];
        starts[kept++] = starts[i];
      }
    }
    return { units, width, hashes: hashes.slice(0, kept), starts: starts.slice(0, kept) };
  }
}

/** Shingles in both sets (of the same width): a merge on the hashes, confirmed unit by unit. */
function sharedShingles(x: ShingleSet, y: ShingleSet): number {
  const { width } = x;
  const xh = x.hashes;
  const yh = y.hashes;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < xh.length && j < yh.length) {
    if (xh[i] < yh[j]) i++;
    else if (xh[i] > yh[j]) j++;
    else {
      const hash = xh[i];
      let xEnd = i;
      while (xEnd < xh.length && xh[xEnd] === hash) xEnd++;
      let yEnd = j;
      while (yEnd < yh.length && yh[yEnd] === hash) yEnd++;
      // Shingles within one set differ from each other, so each of y's equals at most one of x's.
      for (let s = j; s < yEnd; s++) {
        for (let r = i; r < xEnd; r++) {
          if (sameUnits(x.units, x.starts[r], y.units, y.starts[s], width)) {
            shared++;
            break;
          }
        }
      }
      i = xEnd;
      j = yEnd;
    }
  }
  return shared;
}

function sameUnits(
  x: ArrayLike<string | number>,
  xFrom: number,
  y: ArrayLike<string | number>,
  yFrom: number,
  width: number,
): boolean {
  for (let i = 0; i < width; i++) if (x[xFrom + i] !== y[yFrom + i]) return false;
  return true;
}

/** The code points of the terms joined by spaces. */
function codePoints(words: readonly string[]): Uint32Array {
  const text = words.join(' ');
  const out = new Uint32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    out[n++] = cp;
  }
  return out.slice(0, n);
}
