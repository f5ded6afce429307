import { describeValue, NearDupError } from './errors.js';
import { fmix32 } from './hash.js';

/** Version of the signature scheme; bumped whenever the same input would sign differently. */
export const SIGNATURE_SCHEME = 'oph-densified-fmix32-v2';

/** Value of every slot of the signature of an empty set. */
export const EMPTY_SLOT = 0xffffffff;

/**
 * Per-slot keys derived from the seed with SplitMix32, so signatures are the same on every platform for
 * the same (seed, numHashes). keys[0] mixes the shingle hashes; keys[i] salts the densification probes
 * of slot i.
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

// After this many random probes an empty slot takes the next filled slot instead (a deterministic
// fallback for sets that fill almost no slot; with k = 128 and one filled slot it is reached with
// probability e^-32).
const MAX_PROBES = 4096;
const TWO_TO_32 = 4294967296;
let filled = new Uint8Array(256);

/**
 * One-permutation MinHash with optimal densification (Shrivastava 2017), so signing costs one hash per
 * shingle instead of one per shingle and slot. Each shingle hash x is mixed once, h = fmix32(x XOR
 * keys[0]); the k slots split the 32-bit range into k equal bins and slot i keeps the smallest h in bin i.
 * An empty slot then copies the slot found by probing a fixed random sequence of slots (salted by
 * keys[i]) until one that is filled: two sets agree on a slot with probability equal to their Jaccard
 * similarity, as with k independent permutations. Writes k = keys.length values into
 * out[offset, offset + k).
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
  if (to <= from || k === 0) return;
  if (filled.length < k) filled = new Uint8Array(k);
  else filled.fill(0, 0, k);
  const mix = keys[0];
  let nonEmpty = 0;
  for (let s = from; s < to; s++) {
    let h = set[s] ^ mix;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h = (h ^ (h >>> 16)) >>> 0;
    const bin = ((h * k) / TWO_TO_32) | 0; // exact: h × k < 2^53
    if (h < out[offset + bin]) out[offset + bin] = h;
    if (filled[bin] === 0) {
      filled[bin] = 1;
      nonEmpty++;
    }
  }
  if (nonEmpty === k) return;
  for (let i = 0; i < k; i++) {
    if (filled[i] === 1) continue;
    let j = 0;
    let attempt = 0;
    do {
      j = ((fmix32((keys[i] + Math.imul(++attempt, 0x9e3779b9)) >>> 0) * k) / TWO_TO_32) | 0;
    } while (filled[j] === 0 && attempt < MAX_PROBES);
    while (filled[j] === 0) j = j + 1 === k ? 0 : j + 1;
    out[offset + i] = out[offset + j];
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
