import { describeValue, NearDupError } from './errors.js';
import { fmix32 } from './hash.js';

/** Version of the signature scheme; bumped whenever the same input would sign differently. */
export const SIGNATURE_SCHEME = 'minhash-fmix32-v1';

/** Value of every slot of the signature of an empty set. */
export const EMPTY_SLOT = 0xffffffff;

/**
 * Per-permutation keys derived from the seed with SplitMix32, so signatures are the same on every
 * platform for the same (seed, numHashes).
 */
export function permutationKeys(seed: number, numHashes: number): Uint32Array {
  const keys = new Uint32Array(numHashes);
  let state = seed >>> 0;
  for (let i = 0; i < numHashes; i++) {
    state = (state + 0x9e3779b9) | 0;
    keys[i] = fmix32(state);
  }
  return keys;
}

/**
 * MinHash of a set of 32-bit shingle hashes: slot i holds min over x of fmix32(x XOR keys[i]).
 * x ↦ fmix32(x XOR key) is a bijection of 32-bit integers, i.e. one random-looking permutation per key.
 * Writes numHashes values into out[offset, offset + numHashes).
 */
export function signInto(
  set: Uint32Array,
  from: number,
  to: number,
  keys: Uint32Array,
  out: Uint32Array,
  offset: number,
): void {
  const k = keys.length;
  out.fill(EMPTY_SLOT, offset, offset + k);
  for (let s = from; s < to; s++) {
    const x = set[s];
    for (let i = 0; i < k; i++) {
      let h = x ^ keys[i];
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < out[offset + i]) out[offset + i] = h;
    }
  }
}

/** Fraction of slots where two signatures agree: an unbiased estimate of the sets' Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (!(a instanceof Uint32Array) || !(b instanceof Uint32Array)) {
    throw new NearDupError(
      'INVALID_SIGNATURE',
      `neardup: estimateJaccard takes two Uint32Array signatures, got ${describeValue(a)} and ${describeValue(b)}`,
    );
  }
  if (a.length !== b.length || a.length === 0) {
    throw new NearDupError(
      'INVALID_SIGNATURE',
      `neardup: signatures must have the same, non-zero length, got ${a.length} and ${b.length}`,
    );
  }
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}
