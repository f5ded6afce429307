/**
 * What verification knows of the repeated passages in one paragraph, packed in one Uint32Array (so it
 * travels to worker threads as it is): [n, from₀, to₀, …, from₍ₙ₋₁₎, to₍ₙ₋₁₎, id, id, …]: n sorted
 * disjoint word ranges of repeated text (every occurrence and every frequent window in it), then the
 * sorted numbers of the passages it is an occurrence of. See docs/groups.md, "Every shared run is
 * reported".
 */
export type RepeatedRanges = Uint32Array;

/** Packs sorted disjoint ranges (flat [from, to, …]) and sorted passage numbers. */
export function packRepeatedRanges(ranges: readonly number[], passages: readonly number[]): RepeatedRanges {
  const packed = new Uint32Array(1 + ranges.length + passages.length);
  packed[0] = ranges.length / 2;
  packed.set(ranges, 1);
  packed.set(passages, 1 + ranges.length);
  return packed;
}

/** Whether two paragraphs are occurrences of one repeated passage (a merge of their sorted numbers). */
export function shareRepeatedPassage(a: RepeatedRanges | undefined, b: RepeatedRanges | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  let i = 1 + 2 * a[0];
  let j = 1 + 2 * b[0];
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true;
    if (a[i] < b[j]) i++;
    else j++;
  }
  return false;
}

/** The longest stretch of [from, to) outside the repeated ranges. */
export function longestOutside(from: number, to: number, ranges: RepeatedRanges | undefined): number {
  if (ranges === undefined) return to - from;
  const end = 1 + 2 * ranges[0];
  let longest = 0;
  let at = from;
  for (let i = 1; i < end && at < to; i += 2) {
    if (ranges[i + 1] <= at) continue;
    if (ranges[i] >= to) break;
    longest = Math.max(longest, ranges[i] - at);
    at = Math.max(at, ranges[i + 1]);
  }
  return Math.max(longest, to - at);
}
