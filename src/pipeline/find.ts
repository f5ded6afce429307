import { pairOfKey, tooManyFlagged } from '../candidates/candidate-pairs.js';
import type { NumberedPair } from '../group/clusters.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { Report, ResolvedOptions } from '../types.js';
import type { PairVerifier } from '../verify/pair-verifier.js';
import type { Corpus } from './corpus.js';
import { Detection } from './detection.js';
import { PROGRESS_EVERY, type ProgressCallback } from './progress.js';
import { assembleReport, now, strongestFirst } from './report.js';

export { now, strongestFirst };

/** A verified pair with the global paragraph numbers it came from. */
export type FoundPair = NumberedPair;

/**
 * Everything after indexing (docs/groups.md): exact copies grouped, candidate pairs of the rest, the
 * candidates settled (verified as far as grouping needs), clusters, blocks, document groups and the
 * Report. `started` is when the detection began (performance.now()); `active`, when given, limits it to
 * the paragraphs marked.
 */
export function findInCorpus(
  corpus: Corpus,
  options: ResolvedOptions,
  extractor: FeatureExtractor,
  started: number,
  onProgress?: ProgressCallback,
  active?: Uint8Array,
): Report {
  const detection = new Detection(corpus, options, extractor, active);
  const candidates = detection.candidates();
  let settled = 0;
  const onCandidate =
    onProgress &&
    (() => {
      if (settled % PROGRESS_EVERY === 0) onProgress(settled, candidates.length);
      settled++;
    });
  const grouped = detection.groups(candidates, undefined, onCandidate);
  onProgress?.(candidates.length, candidates.length);
  return assembleReport(corpus, options, grouped, candidates.length, started);
}

/**
 * Every candidate pair (keys p × span + q) verified in full, and those that verify (what worker threads do
 * in batches before grouping, and what benchmarks time). More than maxPairs overlaps among them stop
 * the call with TOO_MANY_PAIRS.
 */
export function verifyCandidates(
  candidates: Float64Array,
  span: number,
  verifier: PairVerifier,
  maxPairs: number,
  onProgress?: ProgressCallback,
): FoundPair[] {
  const found: FoundPair[] = [];
  let overlaps = 0;
  for (let i = 0; i < candidates.length; i++) {
    if (onProgress !== undefined && i % PROGRESS_EVERY === 0) onProgress(i, candidates.length);
    const [p, q] = pairOfKey(candidates[i], span);
    const pair = verifier.verify(p, q);
    if (pair === undefined) continue;
    if (pair.kind === 'overlap' && overlaps++ === maxPairs) throw tooManyFlagged(maxPairs);
    found.push({ pair, p, q });
  }
  onProgress?.(candidates.length, candidates.length);
  return found;
}
