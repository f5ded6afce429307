import { withRoom } from '../util/grow.js';
import { hashSequence } from './hash.js';

/**
 * Hashes of the k-shingles of a sequence of 32-bit values (word hashes, or code points for character
 * shingles): shingle i is hashSequence(values, i, k). A sequence shorter than k is one shingle of all
 * of it, so short paragraphs still compare. Writes into `out` (grown if needed) and returns
 * { hashes, count }; the hashes are in sequence order, with repeats.
 */
export function shingleHashes(
  values: Uint32Array,
  length: number,
  k: number,
  seed: number,
  out: Uint32Array,
): { hashes: Uint32Array; count: number } {
  if (length === 0) return { hashes: out, count: 0 };
  const count = length < k ? 1 : length - k + 1;
  const width = Math.min(length, k);
  const hashes = withRoom(out, count);
  for (let i = 0; i < count; i++) hashes[i] = hashSequence(values, i, width, seed);
  return { hashes, count };
}

/** Sorts hashes[0, count) ascending and removes repeats in place; returns the number of unique values. */
export function sortUnique(hashes: Uint32Array, count: number): number {
  if (count === 0) return 0;
  const view = hashes.subarray(0, count);
  view.sort();
  let unique = 1;
  for (let i = 1; i < count; i++) {
    if (view[i] !== view[unique - 1]) view[unique++] = view[i];
  }
  return unique;
}

/** Code points of a string into `out` (grown if needed); returns { values, length }. */
export function codePoints(text: string, out: Uint32Array): { values: Uint32Array; length: number } {
  // A string has at least as many UTF-16 code units as code points: one check covers them all.
  const values = withRoom(out, text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    values[n++] = cp;
  }
  return { values, length: n };
}
