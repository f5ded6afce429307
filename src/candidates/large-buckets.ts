import type { CandidatePairs } from './candidate-pairs.js';

/**
 * Band buckets with more paragraphs than this are not paired up whole: K near variants of one
 * boilerplate paragraph share every band, and K(K − 1)/2 pairs is what grouping must not cost. Up to
 * here a bucket gives all its pairs (at most 120), as before.
 */
export const LARGE_BUCKET = 16;

/** Leaders kept per large bucket: a paragraph is compared with at most this many. */
export const MAX_LEADERS = 64;

/**
 * Candidate pairs of one large band bucket, found greedily in input order: each paragraph is compared
 * with the bucket's leaders (the paragraphs before it that were near none of the leaders before them);
 * every leader it is `near` (the 32-bit shingle sets' Jaccard reaches the threshold: a filter, the
 * verification decides) becomes a candidate pair, and a paragraph near none becomes a leader itself, up
 * to MAX_LEADERS. K variants of one paragraph cost K comparisons, not K(K − 1)/2; two paragraphs settled
 * under different leaders are paired only if another band or a fingerprint brings them together.
 */
export function pairLargeBucket(
  ids: Uint32Array,
  count: number,
  near: (p: number, q: number) => boolean,
  into: CandidatePairs,
): void {
  const leaders: number[] = [ids[0]];
  for (let i = 1; i < count; i++) {
    const id = ids[i];
    let settled = false;
    for (const leader of leaders) {
      if (!near(leader, id)) continue;
      into.add(leader, id);
      settled = true;
    }
    if (!settled && leaders.length < MAX_LEADERS) leaders.push(id);
  }
}
