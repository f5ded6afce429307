/** A maximal run of equal consecutive words: a[aFrom, aFrom + length) equals b[bFrom, bFrom + length). */
export interface SharedRun {
  aFrom: number;
  bFrom: number;
  length: number;
}

/**
 * All maximal runs of at least `minLength` equal consecutive words shared by two word sequences, then
 * the longest ones that do not overlap each other on either side, longest first.
 * Linear in the input plus the matches: each run is found once, from its left end, through an index of
 * the minLength-word windows of `a`.
 */
const MAX_STARTS = 32;

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
    if (list) list.push(i);
    else windows.set(key, [i]);
  }
  const runs: SharedRun[] = [];
  for (let j = 0; j + minLength <= b.length; j++) {
    const starts = windows.get(windowKey(bHashes, j, minLength));
    if (!starts) continue;
    // A window repeated many times in `a` (e.g. one word repeated) would make this quadratic; its first
    // MAX_STARTS places are enough to report the passage, so a pathological paragraph stays linear.
    for (let s = 0; s < starts.length && s < MAX_STARTS; s++) {
      const i = starts[s];
      if (i > 0 && j > 0 && a[i - 1] === b[j - 1]) continue; // not the left end of its run
      let length = 0;
      while (i + length < a.length && j + length < b.length && a[i + length] === b[j + length]) length++;
      if (length >= minLength) runs.push({ aFrom: i, bFrom: j, length });
    }
  }
  return chooseDisjoint(runs);
}

function windowKey(hashes: Uint32Array, from: number, length: number): number {
  let h = 0;
  for (let i = from; i < from + length; i++) h = (Math.imul(h, 0x01000193) ^ hashes[i]) >>> 0;
  return h;
}

/** Greedy: longest first (earliest on ties), skipping runs that overlap a chosen one on either side. */
function chooseDisjoint(runs: SharedRun[]): SharedRun[] {
  runs.sort((x, y) => y.length - x.length || x.aFrom - y.aFrom || x.bFrom - y.bFrom);
  const chosen: SharedRun[] = [];
  for (const run of runs) {
    const clash = chosen.some(
      (c) =>
        (run.aFrom < c.aFrom + c.length && c.aFrom < run.aFrom + run.length) ||
        (run.bFrom < c.bFrom + c.length && c.bFrom < run.bFrom + run.length),
    );
    if (!clash) chosen.push(run);
  }
  return chosen;
}
