// Exact references the pipeline is measured against: no hashing tricks, no candidates, every pair.
import {
  createHasher,
  hashWords,
  intersectionSize,
  type ResolvedOptions,
  shingleHashes,
  sortUnique,
  tokenize,
} from '../src/index.js';

/** The pipeline's shingle set of each paragraph, built from the exported building blocks. */
export async function shingleSets(
  texts: readonly string[],
  options: ResolvedOptions,
): Promise<Uint32Array[]> {
  const hasher = await createHasher();
  let buffer: Uint32Array = new Uint32Array(256);
  return texts.map((text) => {
    const words = tokenize(text).words;
    const hashes = hashWords(hasher, words, options.seed, new Uint32Array(words.length));
    const shingles = shingleHashes(hashes, words.length, options.shingleSize, options.seed, buffer);
    buffer = shingles.hashes;
    return shingles.hashes.slice(0, sortUnique(shingles.hashes, shingles.count));
  });
}

export interface ReferencePair {
  a: number;
  b: number;
  jaccard: number;
}

/**
 * Every pair with exact Jaccard ≥ minJaccard, as an exact join: each paragraph counts, through an
 * inverted index shingle → earlier paragraphs, its exact intersection with every earlier paragraph that
 * shares a shingle; a pair sharing none has Jaccard 0. No sampling, no sketches, no pruning.
 */
export function allPairsJaccard(sets: readonly Uint32Array[], minJaccard: number): ReferencePair[] {
  const postings = new Map<number, number[]>();
  const counts = new Uint32Array(sets.length);
  const touched: number[] = [];
  const pairs: ReferencePair[] = [];
  sets.forEach((set, b) => {
    for (const shingle of set) {
      for (const a of postings.get(shingle) ?? []) {
        if (counts[a]++ === 0) touched.push(a);
      }
    }
    for (const a of touched) {
      const jaccard = counts[a] / (sets[a].length + set.length - counts[a]);
      if (jaccard >= minJaccard) pairs.push({ a, b, jaccard });
      counts[a] = 0;
    }
    touched.length = 0;
    for (const shingle of set) {
      const list = postings.get(shingle);
      if (list) list.push(b);
      else postings.set(shingle, [b]);
    }
  });
  return pairs.sort((x, y) => x.a - y.a || x.b - y.b);
}

/** The same pairs by brute force over every pair (quadratic): the cross-check of allPairsJaccard. */
export function allPairsJaccardBruteForce(sets: readonly Uint32Array[], minJaccard: number): ReferencePair[] {
  const pairs: ReferencePair[] = [];
  for (let a = 0; a < sets.length; a++) {
    for (let b = a + 1; b < sets.length; b++) {
      const shared = intersectionSize(sets[a], sets[b]);
      const union = sets[a].length + sets[b].length - shared;
      if (union > 0 && shared / union >= minJaccard) pairs.push({ a, b, jaccard: shared / union });
    }
  }
  return pairs;
}

/**
 * The words of a text for the shared-run references, written apart from src/text/tokenize.ts so that a
 * mistake there cannot hide here: invisible format characters dropped, NFKC, lower case (ß → ss, final
 * ς → σ), apostrophes folded to ', then runs of letters, marks and digits (joined by single apostrophes),
 * one word per character in scripts written without spaces. The rule is the one docs/how-it-works.md
 * states; referenceWordsDiffer counts the paragraphs where the two disagree.
 */
export function referenceWords(text: string): string[] {
  const folded = text
    .replace(/\p{DI}/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .replace(/[\u2019\u02bc\u201b\uff07]/g, "'");
  return folded.match(REFERENCE_WORD) ?? [];
}

const UNSPACED_SCRIPTS = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}`;
const SPACED_CHAR = String.raw`(?:(?![${UNSPACED_SCRIPTS}])[\p{L}\p{M}\p{N}])`;
const REFERENCE_WORD = new RegExp(
  String.raw`[${UNSPACED_SCRIPTS}]\p{M}*|${SPACED_CHAR}+(?:'${SPACED_CHAR}+)*`,
  'gu',
);

/** Paragraphs whose reference words differ from the library's tokens (0 means the references agree). */
export function referenceWordsDiffer(texts: readonly string[]): number {
  return texts.filter((t) => referenceWords(t).join(' ') !== tokenize(t).words.join(' ')).length;
}

/**
 * Every pair of paragraphs (word arrays) sharing a run of at least `minWords` identical consecutive
 * words: all pairs sharing a minWords-gram, every gram indexed as a string (no hashing), none skipped.
 * Returns keys a × n + b (a < b).
 */
export function pairsSharingRun(words: readonly (readonly string[])[], minWords: number): Set<number> {
  const grams = new Map<string, number[]>();
  words.forEach((w, p) => {
    for (let i = 0; i + minWords <= w.length; i++) {
      const gram = w.slice(i, i + minWords).join(' ');
      const list = grams.get(gram);
      if (!list) grams.set(gram, [p]);
      else if (list[list.length - 1] !== p) list.push(p);
    }
  });
  const n = words.length;
  const found = new Set<number>();
  for (const list of grams.values())
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) found.add(list[i] * n + list[j]);
  return found;
}

/**
 * Every pair of paragraphs sharing a run of at least `minWords` identical consecutive reference words
 * (pairsSharingRun), with the longest shared run of each: keys a × n + b (a < b).
 */
export function allPairsSharedRuns(texts: readonly string[], minWords: number): Map<number, number> {
  const words = texts.map(referenceWords);
  const found = new Map<number, number>();
  for (const key of pairsSharingRun(words, minWords)) {
    const a = Math.floor(key / texts.length);
    found.set(key, longestCommonRun(words[a], words[key % texts.length]).length);
  }
  return found;
}

/** Longest common run of two word arrays, by dynamic programming (quadratic: reference use only). */
export function longestCommonRun(
  a: readonly string[],
  b: readonly string[],
): { aFrom: number; bFrom: number; length: number } {
  let best = { aFrom: 0, bFrom: 0, length: 0 };
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : 0;
      if (current[j] > best.length)
        best = { aFrom: i - current[j], bFrom: j - current[j], length: current[j] };
    }
    [previous, current] = [current, previous];
  }
  return best;
}
