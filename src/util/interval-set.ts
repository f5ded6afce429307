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
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
