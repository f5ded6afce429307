import { describeValue, NearDupError } from '../errors.js';

export interface LshWeights {
  /** Weight of the area under the S-curve below the threshold (candidates that are not similar enough). */
  falsePositive: number;
  /** Weight of the area above the S-curve at and above the threshold (similar pairs never made candidates). */
  falseNegative: number;
  /**
   * Only (bands, rows) that make a pair exactly at the threshold a candidate with at least this
   * probability are considered (0, the default, considers all, as datasketch does). When none reaches
   * it, the one that comes closest is taken.
   */
  minCandidateProbability?: number;
}

export interface LshParams {
  bands: number;
  rows: number;
  /** ∫₀ᵗ P(candidate | s) ds */
  falsePositiveArea: number;
  /** ∫ₜ¹ (1 − P(candidate | s)) ds */
  falseNegativeArea: number;
}

/** P(two sets with Jaccard s become candidates) with b bands of r rows: 1 − (1 − sʳ)ᵇ. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

const STEPS = 256; // Simpson's rule intervals (even); the integrands are smooth polynomials.

function integrate(f: (x: number) => number, lo: number, hi: number): number {
  if (hi <= lo) return 0;
  const h = (hi - lo) / STEPS;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < STEPS; i++) sum += f(lo + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}

const cache = new Map<string, LshParams>();

/**
 * The (bands, rows) with bands × rows ≤ numHashes that minimise
 * falsePositive × FP-area + falseNegative × FN-area under the S-curve, as datasketch's MinHashLSH does,
 * optionally among those with P(candidate | J = threshold) ≥ weights.minCandidateProbability.
 */
export function optimalParams(
  threshold: number,
  numHashes: number,
  weights: LshWeights = { falsePositive: 0.5, falseNegative: 0.5 },
): LshParams {
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: threshold must be a number in (0, 1], got ${describeValue(threshold)}`,
    );
  }
  if (!Number.isInteger(numHashes) || numHashes < 1) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: numHashes must be a positive integer, got ${describeValue(numHashes)}`,
    );
  }
  const { falsePositive, falseNegative, minCandidateProbability = 0 } = weights ?? {};
  for (const [name, value] of [
    ['falsePositive', falsePositive],
    ['falseNegative', falseNegative],
    ['minCandidateProbability', minCandidateProbability],
  ] as const) {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: optimalParams weight ${name} must be a number in [0, 1], got ${describeValue(value)}`,
      );
    }
  }
  const key = `${threshold}|${numHashes}|${falsePositive}|${falseNegative}|${minCandidateProbability}`;
  const hit = cache.get(key);
  if (hit) return { ...hit };
  let best: LshParams = { bands: 1, rows: 1, falsePositiveArea: 0, falseNegativeArea: 0 };
  let bestError = Number.POSITIVE_INFINITY;
  let closest = best; // highest P(candidate | threshold), used when no choice reaches the floor
  let closestProbability = -1;
  for (let bands = 1; bands <= numHashes; bands++) {
    const maxRows = Math.floor(numHashes / bands);
    for (let rows = 1; rows <= maxRows; rows++) {
      const fp = integrate((s) => candidateProbability(s, bands, rows), 0, threshold);
      const fn = integrate((s) => 1 - candidateProbability(s, bands, rows), threshold, 1);
      const atThreshold = candidateProbability(threshold, bands, rows);
      if (atThreshold > closestProbability) {
        closestProbability = atThreshold;
        closest = { bands, rows, falsePositiveArea: fp, falseNegativeArea: fn };
      }
      if (atThreshold < minCandidateProbability) continue;
      const error = fp * falsePositive + fn * falseNegative;
      if (error < bestError) {
        bestError = error;
        best = { bands, rows, falsePositiveArea: fp, falseNegativeArea: fn };
      }
    }
  }
  if (bestError === Number.POSITIVE_INFINITY) best = closest;
  cache.set(key, best);
  return { ...best };
}
