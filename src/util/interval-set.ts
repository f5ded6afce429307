import { firstAtOrAbove } from './bisect.js';

/** Ranges per chunk before it is split: an insertion moves at most this many entries. */
const CHUNK = 256;

/**
 * Disjoint [from, to) ranges kept sorted, so an overlap test is a binary search. They are held in
 * chunks of at most CHUNK ranges (sorted, each chunk after the one before), so adding one costs a search
 * and a short splice rather than moving every range after it: a pair of 1 MB paragraphs chooses tens of
 * thousands of runs, and one sorted array made that quadratic (19 s of 75 s in bench:long).
 */
export class IntervalSet {
  private readonly starts: number[][] = [[]];
  private readonly ends: number[][] = [[]];
  /** The first start of each chunk after the first (chunk c + 1 holds the ranges from firstOf[c] on). */
  private readonly firstOf: number[] = [];

  overlaps(from: number, to: number): boolean {
    const c = this.chunkOf(from);
    const starts = this.starts[c];
    const at = firstAtOrAbove(starts, from);
    // The ranges are disjoint and sorted, so only the neighbours of `from` can overlap [from, to).
    const before = at > 0 ? this.ends[c][at - 1] : c > 0 ? this.lastEnd(c - 1) : -Infinity;
    const after =
      at < starts.length ? starts[at] : c + 1 < this.starts.length ? this.starts[c + 1][0] : Infinity;
    return before > from || after < to;
  }

  add(from: number, to: number): void {
    const c = this.chunkOf(from);
    const starts = this.starts[c];
    const ends = this.ends[c];
    const at = firstAtOrAbove(starts, from);
    starts.splice(at, 0, from);
    ends.splice(at, 0, to);
    if (starts.length > CHUNK) {
      const half = starts.length >> 1;
      this.starts.splice(c + 1, 0, starts.splice(half));
      this.ends.splice(c + 1, 0, ends.splice(half));
      this.firstOf.splice(c, 0, this.starts[c + 1][0]);
    }
  }

  /** The chunk whose ranges `from` falls among: the last one whose first start is at or below it. */
  private chunkOf(from: number): number {
    let low = 0;
    let high = this.firstOf.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.firstOf[mid] <= from) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private lastEnd(c: number): number {
    const ends = this.ends[c];
    return ends.length > 0 ? ends[ends.length - 1] : -Infinity;
  }
}
