import { CandidatePairs } from '../candidates/candidate-pairs.js';
import { pairOfKey } from '../candidates/pair-keys.js';
import { forEachGroup, KeyedIds, sortByKey } from '../candidates/radix-groups.js';
import { NearDupError } from '../errors.js';
import { findBlocks, type PairPosition } from '../group/blocks.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { Pair, Report } from '../types.js';
import { corpusSource, PairVerifier } from '../verify/pair-verifier.js';
import type { Corpus } from './corpus.js';
import type { ResolvedOptions } from './options.js';

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
): Report {
  const candidates = candidatePairs(corpus, options);
  const verifier = new PairVerifier(corpusSource(corpus), options, extractor);
  const found = verifyCandidates(candidates, corpus.docOf.length, verifier, options);
  return assembleReport(corpus, options, found, candidates.length, started);
}

/** The candidate pairs (keys p × span + q) that verify, stopping past options.maxPairs. */
export function verifyCandidates(
  candidates: Float64Array,
  span: number,
  verifier: PairVerifier,
  options: ResolvedOptions,
): FoundPair[] {
  const found: FoundPair[] = [];
  for (const key of candidates) {
    const [p, q] = pairOfKey(key, span);
    const pair = verifier.verify(p, q);
    if (pair === undefined) continue;
    if (found.length === options.maxPairs) throw tooManyFlagged(options);
    found.push({ pair, p, q });
  }
  return found;
}

/** Pair keys (p × paragraphs + q, p < q, ascending) of paragraphs sharing an LSH band or a fingerprint. */
export function candidatePairs(corpus: Corpus, options: ResolvedOptions): Float64Array {
  const collected = candidateCollector(corpus, options);
  addBandCandidates(corpus, options, collected);
  if (options.overlaps) addFingerprintCandidates(corpus, collected);
  return collected.sortedUnique();
}

/** An empty collection of candidate pairs for this corpus, bounded by options.maxPairs. */
export function candidateCollector(corpus: Corpus, options: ResolvedOptions): CandidatePairs {
  const total = corpus.docOf.length;
  checkParagraphCount(total);
  const limit = CANDIDATES_PER_PAIR * options.maxPairs;
  return new CandidatePairs(
    total,
    limit,
    (count) => tooManyPairs(`${count} candidate pairs`, limit, options).message,
  );
}

/** Adds every pair of paragraphs (with shingles) that share an LSH band key: one radix sort per band. */
export function addBandCandidates(corpus: Corpus, options: ResolvedOptions, collected: CandidatePairs): void {
  const total = corpus.docOf.length;
  const band = new KeyedIds(total);
  for (let b = 0; b < options.bands; b++) {
    band.clear();
    for (let p = 0; p < total; p++) {
      if (corpus.setOffsets[p + 1] > corpus.setOffsets[p])
        band.push(corpus.bandKeys[p * options.bands + b], p);
    }
    sortByKey(band);
    forEachGroup(band, (ids, count) => collected.addGroup(ids, count));
  }
}

/** Adds every pair of paragraphs that share a winnowing fingerprint (sorts corpus.fingerprints in place). */
export function addFingerprintCandidates(corpus: Corpus, collected: CandidatePairs): void {
  sortByKey(corpus.fingerprints);
  forEachGroup(corpus.fingerprints, (ids, count) => collected.addGroup(ids, count));
}

/** The error for more flagged pairs than maxPairs. */
export function tooManyFlagged(options: ResolvedOptions): NearDupError {
  return tooManyPairs(`more than ${options.maxPairs} flagged pairs`, options.maxPairs, options);
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
    stats: {
      documents: docs.length,
      paragraphs: total,
      candidates,
      pairs: pairs.length,
      ms: Math.round((now() - started) * 100) / 100,
    },
  };
}

/** Candidate pairs allowed per allowed flagged pair before a detection gives up (see maxPairs). */
const CANDIDATES_PER_PAIR = 20;

function tooManyPairs(what: string, limit: number, options: ResolvedOptions): NearDupError {
  return new NearDupError(
    'TOO_MANY_PAIRS',
    `neardup: ${what}, over the limit of ${limit} (maxPairs = ${options.maxPairs}); this usually means thousands of paragraphs are copies of one boilerplate passage: drop it before detection, or raise maxPairs`,
  );
}

/** √(2⁵³): above this many paragraphs, a × span + b pair keys would lose precision. */
const MAX_PARAGRAPHS = 94_906_265;

/** Throws when a detection holds more paragraphs than pair keys can address. */
export function checkParagraphCount(total: number): void {
  if (total > MAX_PARAGRAPHS) {
    throw new NearDupError(
      'INVALID_INPUT',
      `neardup: ${total} paragraphs in one call; at most ${MAX_PARAGRAPHS} are supported (pair keys must stay exact doubles)`,
    );
  }
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
