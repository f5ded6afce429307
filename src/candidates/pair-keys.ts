/**
 * Candidate pairs are kept as one number each, a × span + b with a < b < span, so a Set dedupes them
 * without allocating a pair object per candidate (exact in a double up to span ≈ 9.4 × 10⁷).
 */

/** Adds every pair of distinct ids in `ids` (e.g. one LSH bucket) to `into`, as keys. */
export function addPairKeys(ids: readonly number[], span: number, into: Set<number>): void {
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = Math.min(ids[i], ids[j]);
      const b = Math.max(ids[i], ids[j]);
      if (a !== b) into.add(a * span + b);
    }
  }
}

/** The two ids of a pair key. */
export function pairOfKey(key: number, span: number): [number, number] {
  const a = Math.floor(key / span);
  return [a, key - a * span];
}
