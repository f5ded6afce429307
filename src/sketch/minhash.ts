import { describeValue, NearDupError } from '../errors.js';
import { fmix32 } from '../util/fmix32.js';
import { withRoom } from '../util/grow.js';

/** Version of the signature scheme; bumped whenever the same input would sign differently. */
export const SIGNATURE_SCHEME = 'fss-fmix32-v2';

/** Value of every slot of the signature of an empty set. */
export const EMPTY_SLOT = 0xffffffff;

/**
 * Per-round keys derived from the seed with SplitMix32, so signatures are the same on every platform
 * for the same (seed, numHashes).
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

const TWO_TO_32 = 4294967296;
const SECOND_PHASE = 0x5bd1e995; // keeps the second phase's hashes apart from the first's
let filledIn = new Int32Array(256);

/**
 * Fast Similarity Sketching (Dahlgaard, Knudsen & Thorup, FOCS 2017): a k-slot MinHash signature in
 * O(n + k log k) hashes instead of n × k. In round i (i < k) every shingle x throws one ball, h =
 * fmix32(x XOR keys[i]), into slot ⌊h·k / 2³²⌋; in round k + i it goes to slot (s(x) + i) mod k, so by
 * round 2k every slot has been hit. A slot keeps the first round that hit it and, within that round,
 * the smallest h. Rounds stop as soon as every slot is filled (later rounds cannot win), which for a
 * paragraph of n shingles is after about k·ln(k)/n rounds. Two sets agree in a slot with probability
 * equal to their Jaccard similarity, and unlike one-permutation hashing the slots stay nearly
 * independent for small sets too. Writes k = keys.length values into out[offset, offset + k).
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
  filledIn = withRoom(filledIn, k);
  filledIn.fill(-1, 0, k);
  let filled = 0;
  const scale = k / TWO_TO_32; // h × scale = ⌊h·k / 2³²⌋ before truncation, exactly (k ≤ 2¹⁰)
  for (let round = 0; round < k && filled < k; round++) {
    const key = keys[round];
    for (let s = from; s < to; s++) {
      let h = set[s] ^ key;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h = (h ^ (h >>> 16)) >>> 0;
      const slot = (h * scale) | 0;
      filled += land(out, offset, slot, round, h);
    }
  }
  // Only small sets get here: every shingle now visits every slot once, from its own starting slot.
  for (let round = k; round < 2 * k && filled < k; round++) {
    const key = keys[round - k] ^ SECOND_PHASE;
    for (let s = from; s < to; s++) {
      const x = set[s];
      const h = fmix32((x ^ key) >>> 0);
      const start = (fmix32((x ^ keys[0] ^ SECOND_PHASE) >>> 0) * scale) | 0;
      const slot = (start + round - k) % k;
      filled += land(out, offset, slot, round, h);
    }
  }
}

/**
 * A ball of round `round` with value h lands in `slot`: it wins an empty slot, or a slot first filled in
 * the same round with a larger value. Returns 1 when it filled an empty slot.
 */
function land(out: Uint32Array, offset: number, slot: number, round: number, h: number): number {
  const current = filledIn[slot];
  if (current === -1) {
    filledIn[slot] = round;
    out[offset + slot] = h;
    return 1;
  }
  if (current === round && h < out[offset + slot]) out[offset + slot] = h;
  return 0;
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
