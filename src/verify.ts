import levenshtein from 'fast-levenshtein';
import type { SharedRun } from './runs.js';

/** Size of the intersection of two sorted arrays of unique values. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

/** Exact Jaccard similarity |A∩B| / |A∪B| of two sorted sets of unique hashes (two empty sets: 0). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** |A∩B| / min(|A|, |B|) of two sorted sets of unique hashes: 1 when the smaller is inside the larger. */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const smaller = Math.min(a.length, b.length);
  return smaller === 0 ? 0 : intersectionSize(a, b) / smaller;
}

/** Shared runs of two normalised texts' words, with each word's start offset in its text. */
export interface Alignment {
  runs: readonly SharedRun[];
  aOffsets: readonly number[];
  bOffsets: readonly number[];
}

/**
 * 1 − Levenshtein(a, b) / max(|a|, |b|) on normalised texts. Levenshtein is quadratic, so when either
 * text is longer than `maxChars` the distance is bounded instead from an alignment of the shared runs:
 * the texts between consecutive aligned runs cost at most max(gap a, gap b) edits, which makes the
 * result a lower bound on the true similarity, computed in linear time.
 */
export function editSimilarity(a: string, b: string, maxChars: number, alignment: () => Alignment): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest <= maxChars) return 1 - levenshtein.get(a, b) / longest;
  return 1 - distanceUpperBound(a.length, b.length, alignment()) / longest;
}

/** Edits needed at most to turn a into b when the runs (monotone subset) are kept as they are. */
function distanceUpperBound(
  aLength: number,
  bLength: number,
  {
    runs,
    aOffsets,
    bOffsets,
  }: { runs: readonly SharedRun[]; aOffsets: readonly number[]; bOffsets: readonly number[] },
): number {
  const ordered = [...runs].sort((x, y) => x.aFrom - y.aFrom);
  let aAt = 0;
  let bAt = 0;
  let cost = 0;
  for (const run of ordered) {
    const aStart = aOffsets[run.aFrom];
    const bStart = bOffsets[run.bFrom];
    if (bStart < bAt) continue; // crosses an earlier aligned run: keep the alignment monotone
    cost += Math.max(aStart - aAt, bStart - bAt);
    aAt = aOffsets[run.aFrom + run.length - 1] + wordLength(aOffsets, run.aFrom + run.length - 1, aLength);
    bAt = bOffsets[run.bFrom + run.length - 1] + wordLength(bOffsets, run.bFrom + run.length - 1, bLength);
  }
  return cost + Math.max(aLength - aAt, bLength - bAt);
}

/** Length of word i in a normalised text, given the start offsets of its words (joined by one space). */
function wordLength(offsets: readonly number[], i: number, textLength: number): number {
  return (i + 1 < offsets.length ? offsets[i + 1] - 1 : textLength) - offsets[i];
}
