import { withRoom } from '../util/grow.js';

const ROLL = 0x01000193;

/**
 * A polynomial rolling hash of every window of m consecutive values (into `out`, grown if needed): O(1)
 * per window. Equal windows give equal hashes, which is all a filter for shared runs needs.
 */
export function rollingWindows(
  values: Uint32Array,
  length: number,
  m: number,
  out: Uint32Array,
): Uint32Array {
  const count = length - m + 1;
  const windows = withRoom(out, count);
  if (count <= 0) return windows;
  let top = 1; // ROLL^(m − 1)
  for (let i = 1; i < m; i++) top = Math.imul(top, ROLL);
  let h = 0;
  for (let i = 0; i < m; i++) h = (Math.imul(h, ROLL) + values[i]) | 0;
  windows[0] = h >>> 0;
  for (let i = m; i < length; i++) {
    h = (Math.imul(h - Math.imul(values[i - m], top), ROLL) + values[i]) | 0;
    windows[i - m + 1] = h >>> 0;
  }
  return windows;
}

/**
 * The stretches of b that can hold a run of m words shared with a: a run of m or more words is made of
 * windows of m words that a holds too, so it lies inside one maximal stretch covered by such windows
 * (compared by hashes of the term hashes: a collision only widens a stretch, never loses a run).
 * Walking only these stretches makes finding the runs of a pair cost what the pair shares, plus one
 * hash probe per word of b, instead of a walk of b through a's automaton (two 12,000-word paragraphs of
 * prose share a few thousand words, not all of them).
 */
export class RunStretches {
  /** Stretch s is b[from[s], to[s]); `count` of them, ascending and apart (at least one word between). */
  from: Int32Array = new Int32Array(16);
  to: Int32Array = new Int32Array(16);
  count = 0;
  private m = 0;
  // a's window hashes, as an open-addressing set; 0 marks an empty slot, so a hash of 0 is kept as 1
  // (then a window hashing to 1 also looks held: a stretch only grows, no run is lost).
  private slotHash = new Uint32Array(0);
  private shift = 32;
  private windows: Uint32Array = new Uint32Array(256);
  /** The windows of each b seen since `forget`, for the window length they were made for. */
  private bWindows = new WeakMap<Uint32Array, { m: number; windows: Uint32Array }>();

  /** Keeps the windows of m values of a[0, length). */
  index(aHashes: Uint32Array, length: number, m: number): void {
    this.m = m;
    const count = Math.max(0, length - m + 1);
    let bits = 4;
    while (1 << bits < 2 * count) bits++;
    if (this.slotHash.length < 1 << bits) this.slotHash = new Uint32Array(1 << bits);
    else this.slotHash.fill(0, 0, 1 << bits);
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    this.windows = rollingWindows(aHashes, length, m, this.windows);
    for (let i = 0; i < count; i++) {
      const hash = this.windows[i] || 1;
      let s = Math.imul(hash, 0x9e3779b1) >>> this.shift;
      while (this.slotHash[s] !== 0 && this.slotHash[s] !== hash) s = (s + 1) & mask;
      this.slotHash[s] = hash;
    }
  }

  /** The window length of the last `index`. */
  get windowLength(): number {
    return this.m;
  }

  /** Finds the stretches of b[0, length) covered by windows that a (as indexed) holds too. */
  find(bHashes: Uint32Array, length: number): void {
    const { m } = this;
    const count = length - m + 1;
    this.count = 0;
    if (count <= 0) return;
    const windows = this.windowsOf(bHashes, length);
    const mask = (1 << (32 - this.shift)) - 1;
    let open = -1; // start of the stretch being covered, −1 when none
    let end = 0; // where it ends so far
    for (let j = 0; j < count; j++) {
      const hash = windows[j] || 1;
      let s = Math.imul(hash, 0x9e3779b1) >>> this.shift;
      while (this.slotHash[s] !== 0 && this.slotHash[s] !== hash) s = (s + 1) & mask;
      if (this.slotHash[s] === 0) continue;
      if (open >= 0 && j > end) {
        this.push(open, end);
        open = -1;
      }
      if (open < 0) open = j;
      end = j + m;
    }
    if (open >= 0) this.push(open, end);
  }

  /** Forgets the windows kept of each b (call it when the values of an array passed before may change). */
  forget(): void {
    this.bWindows = new WeakMap();
  }

  /**
   * The windows of b, kept (keyed by the array) since b is compared with every paragraph it is a
   * candidate of (only when b is the whole array: a caller passing a part of one may change the rest).
   */
  private windowsOf(bHashes: Uint32Array, length: number): Uint32Array {
    const kept = this.bWindows.get(bHashes);
    if (kept !== undefined && kept.m === this.m && length === bHashes.length) return kept.windows;
    const windows = rollingWindows(bHashes, length, this.m, new Uint32Array(length - this.m + 1));
    if (length === bHashes.length) this.bWindows.set(bHashes, { m: this.m, windows });
    return windows;
  }

  private push(from: number, to: number): void {
    this.from = withRoom(this.from, this.count + 1, this.count);
    this.to = withRoom(this.to, this.count + 1, this.count);
    this.from[this.count] = from;
    this.to[this.count] = to;
    this.count++;
  }
}
