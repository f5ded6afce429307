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
 * the longest run starting there (from at most MAX_STARTS places in `a`) is taken and the scan jumps past
 * it, so each word of `b` is extended over at most MAX_STARTS times: linear even for a text that repeats
 * one word 100,000 times. Every run is maximal. A longer run that starts inside an accepted one needs `a`
 * to repeat a minLength-word window; when `a` does not, the result is exactly the greedy choice over all
 * maximal runs. Runs overlapping a longer one on the `a` side are then dropped.
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
      j += best.length;
    } else {
      j++;
    }
  }
  return disjointOnA(runs);
}

function windowKey(hashes: Uint32Array, from: number, length: number): number {
  let h = 0;
  for (let i = from; i < from + length; i++) h = (Math.imul(h, 0x01000193) ^ hashes[i]) >>> 0;
  return h;
}

/**
 * Longest first (earliest on ties), dropping runs that overlap an already chosen one in `a` (they are
 * disjoint in `b` by construction). Chosen `a` ranges are kept sorted for a binary search: O(R log R).
 */
function disjointOnA(runs: SharedRun[]): SharedRun[] {
  runs.sort((x, y) => y.length - x.length || x.aFrom - y.aFrom || x.bFrom - y.bFrom);
  const starts: number[] = [];
  const ends: number[] = [];
  const chosen: SharedRun[] = [];
  for (const run of runs) {
    const from = run.aFrom;
    const to = run.aFrom + run.length;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    // Chosen ranges are disjoint and sorted, so only the neighbours can overlap [from, to).
    if ((lo > 0 && ends[lo - 1] > from) || (lo < starts.length && starts[lo] < to)) continue;
    starts.splice(lo, 0, from);
    ends.splice(lo, 0, to);
    chosen.push(run);
  }
  return chosen;
}
