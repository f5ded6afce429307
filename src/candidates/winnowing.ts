import { hashSequence } from '../sketch/hash.js';
import { shingleHashes } from '../sketch/shingles.js';

/**
 * Words per fingerprinted window: long enough to be rarer than stock phrases, short enough to winnow.
 * Measured on 10,000 SOTU paragraphs (minOverlapWords 10): 5 words gave 5.25 candidate pairs per
 * paragraph and 4.3 s, 7 words 1.28 and 2.8 s, 8 words 0.46 and 2.6 s but 60 % more memory; same pairs.
 */
const MAX_GRAM = 7;
const FINGERPRINT_SEED = 0x6f766c70; // "ovlp": keeps fingerprint hashes apart from shingle hashes
/**
 * The upper 32 bits of a fingerprint: another hash of the same window. With 32 bits alone, two
 * paragraphs of F fingerprints each share about F² / 2³² by chance: 230 at a million each (1 MB
 * paragraphs), so every pair of long paragraphs was a candidate. With 64 bits it is F² / 2⁶⁴.
 */
const FINGERPRINT_HIGH_SEED = 0x77696465; // "wide"

/** Gram size and winnowing window for a minimum overlap of m words (gram + window − 1 = m). */
export function winnowingParams(minOverlapWords: number): { gram: number; window: number } {
  const gram = Math.min(MAX_GRAM, minOverlapWords);
  return { gram, window: minOverlapWords - gram + 1 };
}

/**
 * The hash of every `gram`-word window of the terms (winnowingParams(minOverlapWords).gram words), in
 * order, into `scratch` (grown if needed): what winnow() picks its fingerprints from.
 */
export function gramHashes(
  termHashes: Uint32Array,
  length: number,
  minOverlapWords: number,
  scratch: Uint32Array,
): { hashes: Uint32Array; count: number } {
  if (length < minOverlapWords) return { hashes: scratch, count: 0 };
  return shingleHashes(termHashes, length, winnowingParams(minOverlapWords).gram, FINGERPRINT_SEED, scratch);
}

/**
 * Winnowing (Schleimer, Wilkerson & Aiken, 2003): from the hashes of every `gram`-word window, keep the
 * minimum of each run of `window` consecutive ones. Any passage of gram + window − 1 words that two texts
 * share gives both the same fingerprint, so no shared passage of minOverlapWords words is missed.
 * Calls emit(hash, high) once per distinct selected position: the window's hash, and the upper 32 bits
 * of its 64-bit fingerprint (computed only for the windows selected).
 */
export function winnow(
  termHashes: Uint32Array,
  length: number,
  minOverlapWords: number,
  scratch: Uint32Array,
  emit: (fingerprint: number, high: number) => void,
): Uint32Array {
  if (length < minOverlapWords) return scratch;
  const { gram, window } = winnowingParams(minOverlapWords);
  const { hashes, count } = gramHashes(termHashes, length, minOverlapWords, scratch);
  let lastPicked = -1;
  for (let start = 0; start + window <= count; start++) {
    let pick = start;
    for (let i = start + 1; i < start + window; i++) if (hashes[i] <= hashes[pick]) pick = i; // rightmost minimum
    if (pick !== lastPicked) {
      emit(hashes[pick], hashSequence(termHashes, pick, gram, FINGERPRINT_HIGH_SEED));
      lastPicked = pick;
    }
  }
  return hashes;
}
