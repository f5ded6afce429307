import levenshtein from 'fast-levenshtein';
import type { SharedRun } from './shared-runs.js';

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
  if (longest <= maxChars) return 1 - trimmedLevenshtein(a, b) / longest;
  return 1 - distanceUpperBound(a.length, b.length, alignment()) / longest;
}

/**
 * Levenshtein distance, exactly, after cutting the common prefix and suffix (which never change it):
 * a near duplicate with its edits in one place costs only the edited stretch.
 */
function trimmedLevenshtein(a: string, b: string): number {
  let start = 0;
  const shortest = Math.min(a.length, b.length);
  while (start < shortest && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let aEnd = a.length;
  let bEnd = b.length;
  while (aEnd > start && bEnd > start && a.charCodeAt(aEnd - 1) === b.charCodeAt(bEnd - 1)) {
    aEnd--;
    bEnd--;
  }
  if (aEnd === start || bEnd === start) return aEnd - start + (bEnd - start);
  return levenshtein.get(a.slice(start, aEnd), b.slice(start, bEnd));
}

/**
 * Edits needed at most to turn a into b when a monotone chain of the shared runs is kept as it is: the
 * text between consecutive kept runs costs at most max(gap in a, gap in b). The chain kept is the one
 * covering the most characters (a max-weight increasing subsequence), and no distance exceeds the longer
 * text's length, so the bound never goes below similarity 0.
 */
function distanceUpperBound(aLength: number, bLength: number, alignment: Alignment): number {
  const chain = heaviestChain(alignment, aLength, bLength);
  let aAt = 0;
  let bAt = 0;
  let cost = 0;
  for (const { aStart, aEnd, bStart, bEnd } of chain) {
    cost += Math.max(aStart - aAt, bStart - bAt);
    aAt = aEnd;
    bAt = bEnd;
  }
  cost += Math.max(aLength - aAt, bLength - bAt);
  return Math.min(cost, Math.max(aLength, bLength));
}

interface CharRun {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * The runs (in character offsets) forming the heaviest chain increasing on both sides. Runs do not
 * overlap on either side, so "increasing" is just bStart increasing when ordered by aStart; a Fenwick
 * tree over the ranks of bStart gives the best chain ending below each rank in O(log R).
 */
function heaviestChain({ runs, aOffsets, bOffsets }: Alignment, aText: number, bText: number): CharRun[] {
  const charRuns = runs
    .map((run) => ({
      aStart: aOffsets[run.aFrom],
      aEnd: wordEnd(aOffsets, run.aFrom + run.length - 1, aText),
      bStart: bOffsets[run.bFrom],
      bEnd: wordEnd(bOffsets, run.bFrom + run.length - 1, bText),
    }))
    .sort((x, y) => x.aStart - y.aStart);
  const n = charRuns.length;
  if (n === 0) return [];
  const ranks = charRuns.map((_, i) => i).sort((x, y) => charRuns[x].bStart - charRuns[y].bStart);
  const rankOf = new Int32Array(n);
  ranks.forEach((runIndex, rank) => {
    rankOf[runIndex] = rank + 1;
  });
  const bestWeight = new Float64Array(n + 1); // Fenwick tree: max chain weight ending at rank ≤ i
  const bestRun = new Int32Array(n + 1).fill(-1);
  const previous = new Int32Array(n).fill(-1);
  const weight = new Float64Array(n);
  let top = -1;
  for (let i = 0; i < n; i++) {
    let before = 0;
    let from = -1;
    for (let r = rankOf[i] - 1; r > 0; r -= r & -r) {
      if (bestWeight[r] > before) {
        before = bestWeight[r];
        from = bestRun[r];
      }
    }
    weight[i] = before + (charRuns[i].aEnd - charRuns[i].aStart);
    previous[i] = from;
    for (let r = rankOf[i]; r <= n; r += r & -r) {
      if (weight[i] > bestWeight[r]) {
        bestWeight[r] = weight[i];
        bestRun[r] = i;
      }
    }
    if (top < 0 || weight[i] > weight[top]) top = i;
  }
  const chain: CharRun[] = [];
  for (let i = top; i >= 0; i = previous[i]) chain.push(charRuns[i]);
  return chain.reverse();
}

/** End offset of word i in a normalised text, given the start offsets of its words (joined by one space). */
function wordEnd(offsets: readonly number[], i: number, textLength: number): number {
  return i + 1 < offsets.length ? offsets[i + 1] - 1 : textLength;
}
