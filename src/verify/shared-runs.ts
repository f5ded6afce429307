import { firstAtOrAbove } from '../util/bisect.js';

/** A maximal run of equal consecutive words: a[aFrom, aFrom + length) equals b[bFrom, bFrom + length). */
export interface SharedRun {
  aFrom: number;
  bFrom: number;
  length: number;
}

/** Places of a repeated window in `a` tried as run starts; bounds the work on repetitive text. */
const MAX_STARTS = 32;

/**
 * Runs of at least `minLength` equal consecutive words shared by two word sequences, none overlapping
 * another on either side, longest first.
 *
 * `b` is scanned left to right through an index of the minLength-word windows of `a`. At each position
 * the longest maximal run starting there (from at most MAX_STARTS places in `a`) is taken and the scan
 * jumps to its last minLength − 1 words, so the work stays linear even for a text that repeats one word
 * 100,000 times. Another maximal run starting inside an accepted one, with its first window inside it,
 * needs `a` to repeat that window; when `a` repeats none, the result is exactly the greedy choice
 * (longest first, disjoint on both sides) over all maximal runs.
 */
export function sharedRuns(
  a: readonly string[],
  aHashes: Uint32Array,
  b: readonly string[],
  bHashes: Uint32Array,
  minLength: number,
): SharedRun[] {
  if (a.length < minLength || b.length < minLength) return [];
  const windows = new Map<number, number[]>();
  for (let i = 0; i + minLength <= a.length; i++) {
    const key = windowKey(aHashes, i, minLength);
    const list = windows.get(key);
    if (list === undefined) windows.set(key, [i]);
    else if (list.length < MAX_STARTS) list.push(i);
  }
  const runs: SharedRun[] = [];
  let j = 0;
  while (j + minLength <= b.length) {
    let best: SharedRun | undefined;
    for (const i of windows.get(windowKey(bHashes, j, minLength)) ?? []) {
      if (i > 0 && j > 0 && a[i - 1] === b[j - 1]) continue; // not the left end of its run: not maximal
      let length = 0;
      while (i + length < a.length && j + length < b.length && a[i + length] === b[j + length]) length++;
      if (length >= minLength && (best === undefined || length > best.length))
        best = { aFrom: i, bFrom: j, length };
    }
    if (best) {
      runs.push(best);
      // Resume where a window can still reach past this run: a maximal run starting earlier inside it
      // would repeat one of a's windows (see above), and every run is rescanned at most minLength times.
      j += Math.max(1, best.length - minLength + 1);
    } else {
      j++;
    }
  }
  return disjointOnBothSides(runs);
}

function windowKey(hashes: Uint32Array, from: number, length: number): number {
  let h = 0;
  for (let i = from; i < from + length; i++) h = (Math.imul(h, 0x01000193) ^ hashes[i]) >>> 0;
  return h;
}

/** Longest first (earliest on ties), dropping runs that overlap an already chosen one on either side. */
function disjointOnBothSides(runs: SharedRun[]): SharedRun[] {
  runs.sort((x, y) => y.length - x.length || x.aFrom - y.aFrom || x.bFrom - y.bFrom);
  const onA = new IntervalSet();
  const onB = new IntervalSet();
  const chosen: SharedRun[] = [];
  for (const run of runs) {
    if (onA.overlaps(run.aFrom, run.aFrom + run.length) || onB.overlaps(run.bFrom, run.bFrom + run.length))
      continue;
    onA.add(run.aFrom, run.aFrom + run.length);
    onB.add(run.bFrom, run.bFrom + run.length);
    chosen.push(run);
  }
  return chosen;
}

/** Disjoint [from, to) ranges kept sorted, so an overlap test is a binary search. */
class IntervalSet {
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
