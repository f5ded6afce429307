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
  const hashes = out.length >= count ? out : new Uint32Array(Math.max(count, out.length * 2));
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
  let values = out.length >= text.length ? out : new Uint32Array(Math.max(text.length, out.length * 2));
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (n >= values.length) {
      const grown = new Uint32Array(values.length * 2);
      grown.set(values);
      values = grown;
    }
    values[n++] = cp;
  }
  return { values, length: n };
}
