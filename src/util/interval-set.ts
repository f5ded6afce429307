import { firstAtOrAbove } from './bisect.js';

/** Disjoint [from, to) ranges kept sorted, so an overlap test is a binary search. */
export class IntervalSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  overlaps(from: number, to: number): boolean {
    const at = this.firstStartAtOrAfter(from);
    // The ranges are disjoint and sorted, so only the neighbours of `from` can overlap [from, to).
    return (at > 0 && this.ends[at - 1] > from) || (at < this.starts.length && this.starts[at] < to);
  }

  add(from: number, to: number): void {
    const at = this.firstStartAtOrAfter(from);
    this.starts.splice(at, 0, from);
    this.ends.splice(at, 0, to);
  }

  private firstStartAtOrAfter(from: number): number {
    return firstAtOrAbove(this.starts, from);
  }
}
