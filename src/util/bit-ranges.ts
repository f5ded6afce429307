/**
 * Positions 0 … n − 1 marked by ranges [from, to), as a bitmap: testing or marking a range costs one step
 * per 32 positions it spans, and clearing costs n / 32. For choosing disjoint runs in texts whose length
 * is known, where a sorted interval set costs a search and a splice per run.
 */
export class BitRanges {
  private bits: Int32Array = new Int32Array(0);

  /** Clears the first n positions (and grows to hold them). */
  reset(n: number): void {
    const words = (n + 31) >>> 5;
    if (this.bits.length < words) this.bits = new Int32Array(Math.max(words, 2 * this.bits.length));
    else this.bits.fill(0, 0, words);
  }

  /** Whether any position of [from, to) is marked (from < to, both within the positions reset). */
  overlaps(from: number, to: number): boolean {
    const last = to - 1;
    const first = from >>> 5;
    const end = last >>> 5;
    const low = -1 << (from & 31);
    const high = -1 >>> (31 - (last & 31));
    if (first === end) return (this.bits[first] & low & high) !== 0;
    if ((this.bits[first] & low) !== 0 || (this.bits[end] & high) !== 0) return true;
    for (let w = first + 1; w < end; w++) if (this.bits[w] !== 0) return true;
    return false;
  }

  /** Marks the positions of [from, to). */
  add(from: number, to: number): void {
    const last = to - 1;
    const first = from >>> 5;
    const end = last >>> 5;
    const low = -1 << (from & 31);
    const high = -1 >>> (31 - (last & 31));
    if (first === end) {
      this.bits[first] |= low & high;
      return;
    }
    this.bits[first] |= low;
    this.bits[end] |= high;
    for (let w = first + 1; w < end; w++) this.bits[w] = -1;
  }
}
