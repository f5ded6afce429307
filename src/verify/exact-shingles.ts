import { hashSequence } from '../sketch/hash.js';

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

const SIDE_A = 1;
const SIDE_B = 2;

/**
 * Exact Jaccard and containment of two paragraphs' shingle sets, decided on the terms themselves. Hashes
 * only say where to look in two open-addressing tables; what counts as equal is decided by comparison:
 * terms by string equality (each distinct term of the pair gets a number), then shingles by their
 * numbers. A collision of 32-bit hashes costs one more probe, never a wrong figure, so the 32-bit
 * shingle sets of the index only choose which pairs get here (see docs/exactness.md). Typed arrays
 * reused from pair to pair; not shared between threads.
 */
export class ExactShingles {
  /** Per unit (the terms, or code points, of a then of b): its hash, and its number (equal exactly for equal units). */
  private unitHashes: Uint32Array = new Uint32Array(256);
  private unitIds: Uint32Array = new Uint32Array(256);
  /** The table: 1 + index of the first unit (or shingle start) kept in each slot, 0 when empty. */
  private slots: Int32Array = new Int32Array(512);
  private slotHashes: Uint32Array = new Uint32Array(512);
  private slotSides: Uint8Array = new Uint8Array(512);
  private mask = 0;

  constructor(private readonly shape: ShingleShape) {}

  /** The figures of the shingle sets of two paragraphs' terms, shingled as the pipeline shingles them. */
  figures(a: HashedTerms, b: HashedTerms): SetFigures {
    if (sameTerms(a.words, b.words)) {
      const some = a.words.length > 0 ? 1 : 0;
      return { jaccard: some, containment: some };
    }
    const [aLength, bLength] =
      this.shape.shingleUnit === 'word' ? this.numberTerms(a, b) : this.codePoints(a.words, b.words);
    const k = this.shape.shingleSize;
    // A sequence shorter than k is one shingle of all of it (as in sketch/shingles.ts).
    const aWidth = Math.min(aLength, k);
    const bWidth = Math.min(bLength, k);
    const aCount = aLength === 0 ? 0 : aLength - aWidth + 1;
    const bCount = bLength === 0 ? 0 : bLength - bWidth + 1;
    this.clearTable(aCount + bCount);
    let aDistinct = 0;
    for (let i = 0; i < aCount; i++) if (this.addShingle(i, aWidth, SIDE_A) === 0) aDistinct++;
    // Shingles of different widths never match: then b's are counted in a table of their own.
    if (aWidth !== bWidth) this.clearTable(bCount);
    let bDistinct = 0;
    let shared = 0;
    for (let i = 0; i < bCount; i++) {
      const sidesBefore = this.addShingle(aLength + i, bWidth, SIDE_B);
      if ((sidesBefore & SIDE_B) !== 0) continue; // a repeat within b
      bDistinct++;
      if (sidesBefore === SIDE_A) shared++;
    }
    const union = aDistinct + bDistinct - shared;
    const smaller = Math.min(aDistinct, bDistinct);
    return { jaccard: union === 0 ? 0 : shared / union, containment: smaller === 0 ? 0 : shared / smaller };
  }

  /**
   * Numbers the terms of a then b into unitIds, equal strings alike, through the table keyed by their
   * hashes (a term whose hash matches is compared as a string). Returns the two lengths.
   */
  private numberTerms(a: HashedTerms, b: HashedTerms): [number, number] {
    const aLength = a.words.length;
    const total = aLength + b.words.length;
    this.reserveUnits(total);
    this.unitHashes.set(a.hashes.subarray(0, aLength));
    this.unitHashes.set(b.hashes.subarray(0, b.words.length), aLength);
    const termAt = (u: number) => (u < aLength ? a.words[u] : b.words[u - aLength]);
    this.clearTable(total);
    let next = 0;
    for (let u = 0; u < total; u++) {
      const hash = this.unitHashes[u];
      let slot = hash & this.mask;
      for (;;) {
        const kept = this.slots[slot] - 1;
        if (kept < 0) {
          this.slots[slot] = u + 1;
          this.slotHashes[slot] = hash;
          this.unitIds[u] = next++;
          break;
        }
        if (this.slotHashes[slot] === hash && termAt(kept) === termAt(u)) {
          this.unitIds[u] = this.unitIds[kept];
          break;
        }
        slot = (slot + 1) & this.mask;
      }
    }
    return [aLength, total - aLength];
  }

  /** The code points of each side's terms joined by spaces, as both hash and number of each unit. */
  private codePoints(a: readonly string[], b: readonly string[]): [number, number] {
    const aText = a.join(' ');
    const bText = b.join(' ');
    this.reserveUnits(aText.length + bText.length);
    const aLength = this.putCodePoints(aText, 0);
    const bLength = this.putCodePoints(bText, aLength);
    this.unitHashes.set(this.unitIds.subarray(0, aLength + bLength));
    return [aLength, bLength];
  }

  private putCodePoints(text: string, at: number): number {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      this.unitIds[at + n++] = cp;
    }
    return n;
  }

  /**
   * Puts the shingle of `width` units starting at unit `start` in the table (on `side`), unless an equal
   * one is there; returns the sides that equal shingle was on before (0 when it is new).
   */
  private addShingle(start: number, width: number, side: number): number {
    const hash = hashSequence(this.unitHashes, start, width, 0);
    let slot = hash & this.mask;
    for (;;) {
      const kept = this.slots[slot] - 1;
      if (kept < 0) {
        this.slots[slot] = start + 1;
        this.slotHashes[slot] = hash;
        this.slotSides[slot] = side;
        return 0;
      }
      if (this.slotHashes[slot] === hash && this.sameUnits(kept, start, width)) {
        const before = this.slotSides[slot];
        this.slotSides[slot] = before | side;
        return before;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private sameUnits(x: number, y: number, width: number): boolean {
    for (let i = 0; i < width; i++) if (this.unitIds[x + i] !== this.unitIds[y + i]) return false;
    return true;
  }

  /** An empty table with room for `entries` at a load of at most one half. */
  private clearTable(entries: number): void {
    let capacity = 16;
    while (capacity < 2 * entries) capacity *= 2;
    if (this.slots.length < capacity) {
      this.slots = new Int32Array(capacity);
      this.slotHashes = new Uint32Array(capacity);
      this.slotSides = new Uint8Array(capacity);
    } else {
      this.slots.fill(0, 0, capacity);
    }
    this.mask = capacity - 1;
  }

  private reserveUnits(count: number): void {
    if (this.unitIds.length >= count) return;
    const capacity = Math.max(count, this.unitIds.length * 2);
    this.unitIds = new Uint32Array(capacity);
    this.unitHashes = new Uint32Array(capacity);
  }
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
