import { CandidatePairs, pairOfKey, tooManyFlagged } from '../candidates/candidate-pairs.js';
import { blockTables, collectCandidates } from '../candidates/collect.js';
import { findBlocks, type PairPosition } from '../group/blocks.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { Pair, Report, ResolvedOptions } from '../types.js';
import { PairVerifier } from '../verify/pair-verifier.js';
import { type Corpus, corpusSource } from './corpus.js';
import { PROGRESS_EVERY, type ProgressCallback } from './progress.js';
import { verifyParams } from './stage-params.js';

/** A verified pair with the global paragraph numbers it came from. */
export interface FoundPair {
  pair: Pair;
  p: number;
  q: number;
}

/**
 * Everything after indexing: candidate pairs from shared LSH bands and fingerprints, exact verification,
 * blocks, and the Report. `started` is when the detection began (performance.now()).
 */
export function findInCorpus(
  corpus: Corpus,
  options: ResolvedOptions,
  extractor: FeatureExtractor,
  started: number,
  onProgress?: ProgressCallback,
): Report {
  const candidates = candidatePairs(corpus, options);
  const verifier = new PairVerifier(corpusSource(corpus), verifyParams(options), extractor);
  const found = verifyCandidates(candidates, corpus.docOf.length, verifier, options.maxPairs, onProgress);
  return assembleReport(corpus, options, found, candidates.length, started);
}

/** The candidate pairs (keys p × span + q) that verify, stopping past maxPairs. */
export function verifyCandidates(
  candidates: Float64Array,
  span: number,
  verifier: PairVerifier,
  maxPairs: number,
  onProgress?: ProgressCallback,
): FoundPair[] {
  const found: FoundPair[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (onProgress !== undefined && i % PROGRESS_EVERY === 0) onProgress(i, candidates.length);
    const [p, q] = pairOfKey(candidates[i], span);
    const pair = verifier.verify(p, q);
    if (pair === undefined) continue;
    if (found.length === maxPairs) throw tooManyFlagged(maxPairs);
    found.push({ pair, p, q });
  }
  onProgress?.(candidates.length, candidates.length);
  return found;
}

/**
 * Pair keys (p × paragraphs + q, p < q, ascending) of paragraphs sharing an LSH band or a fingerprint,
 * bounded by maxPairs (the corpus's fingerprints are sorted in place).
 */
export function candidatePairs(corpus: Corpus, options: ResolvedOptions): Float64Array {
  const collected = new CandidatePairs(corpus.docOf.length, options.maxPairs);
  collectCandidates(blockTables([corpus], 0, options.bands, true), collected);
  return collected.sortedUnique();
}

/** Sorts the verified pairs (strongest first), finds the blocks and builds the Report. */
export function assembleReport(
  corpus: Corpus,
  options: ResolvedOptions,
  found: FoundPair[],
  candidates: number,
  started: number,
): Report {
  const { docs } = corpus;
  const total = corpus.docOf.length;
  found.sort(strongestFirst);
  const pairs = found.map((f) => f.pair);
  // Adjacency counts only paragraphs with words, so a run of copied paragraphs continues across a
  // separator ("* * *") that has none and so can never be flagged.
  const ranks = corpus.paragraphsByDoc.map((paragraphs) => {
    let rank = 0;
    return paragraphs.map((p) => (p.words > 0 ? rank++ : rank));
  });
  const positions: PairPosition[] = found.map(({ pair, p, q }) => ({
    aDoc: corpus.docOf[p],
    aParagraph: corpus.indexOf[p],
    bDoc: corpus.docOf[q],
    bParagraph: corpus.indexOf[q],
    jaccard: pair.jaccard,
  }));
  const blocks = findBlocks(
    positions,
    docs.map((d) => d.id),
    options.minBlockPairs,
    (doc, paragraph) => ranks[doc][paragraph],
  );
  return {
    version: 2,
    options: {
      ...options,
      stopwords: Array.isArray(options.stopwords) ? [...options.stopwords] : options.stopwords,
    },
    documents: docs.map((doc, d) => ({ id: doc.id, paragraphs: corpus.paragraphsByDoc[d] })),
    pairs,
    blocks,
    clusters: [],
    passages: [],
    documentGroups: [],
    stats: {
      documents: docs.length,
      paragraphs: total,
      candidates,
      pairs: pairs.length,
      ms: Math.round((now() - started) * 100) / 100,
    },
  };
}

const KIND_RANK = { exact: 0, near: 1, overlap: 2 } as const;

/** Report order: exact, near, overlap; then higher Jaccard, longer passage, earlier paragraphs. */
export function strongestFirst(
  x: { pair: Pair; p: number; q: number },
  y: { pair: Pair; p: number; q: number },
): number {
  return (
    KIND_RANK[x.pair.kind] - KIND_RANK[y.pair.kind] ||
    y.pair.jaccard - x.pair.jaccard ||
    (y.pair.spans[0]?.words ?? 0) - (x.pair.spans[0]?.words ?? 0) ||
    x.p - y.p ||
    x.q - y.q
  );
}

/** Milliseconds from a monotonic clock where there is one. */
export function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
