import { CandidatePairs, tooManyFlagged } from '../candidates/candidate-pairs.js';
import { blockTables, collectCandidates } from '../candidates/collect.js';
import { LARGE_BUCKET, pairLargeBucket } from '../candidates/large-buckets.js';
import { clusterPairs } from '../group/clusters.js';
import { documentGroups } from '../group/document-groups.js';
import { ExactGroups } from '../group/exact-groups.js';
import { type FoundPassages, RepeatedPassages } from '../group/repeated-passages.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { Pair, ResolvedOptions } from '../types.js';
import { firstAtOrAbove } from '../util/bisect.js';
import { PairVerifier, type ParagraphSource } from '../verify/pair-verifier.js';
import { type Corpus, corpusSource } from './corpus.js';
import type { Grouped } from './report.js';
import { verifyParams } from './stage-params.js';

/**
 * One detection over a corpus, in the order its stages run (docs/groups.md): exact copies grouped first
 * (only the first of each goes on), candidate pairs among those (large band buckets greedily, frequent
 * fingerprints as repeated passages), then the candidates settled and verified as far as grouping needs
 * (here, or every one of them on worker threads first), clusters, the pairs listed, document groups and
 * the Report. `active`, when given, limits the
 * detection to the paragraphs it marks (a lasting index checking new documents).
 */
export class Detection {
  readonly source: ParagraphSource;
  readonly verifier: PairVerifier;
  readonly exact: ExactGroups;
  private found: FoundPassages = { passages: [], ranges: new Map() };

  constructor(
    readonly corpus: Corpus,
    readonly options: ResolvedOptions,
    extractor: FeatureExtractor,
    active?: Uint8Array,
  ) {
    this.source = corpusSource(corpus);
    this.verifier = new PairVerifier(this.source, verifyParams(options), extractor);
    this.exact = new ExactGroups(
      corpus.setOffsets,
      corpus.setValues,
      (p, q) => this.verifier.sameWords(p, q),
      active,
    );
  }

  /** Paragraphs numbered in the corpus (the span of pair keys p × span + q). */
  get span(): number {
    return this.corpus.docOf.length;
  }

  /** Word ranges of repeated passages in paragraph p (what verification leaves out of overlaps). */
  passageRanges(p: number): Uint32Array | undefined {
    return this.found.ranges.get(p);
  }

  /**
   * Candidate pairs of representatives (keys p × span + q, p < q, ascending), bounded by maxPairs; finds
   * the repeated passages on the way (the corpus's fingerprints are sorted in place).
   */
  candidates(): Float64Array {
    const { corpus, options, verifier } = this;
    const collected = new CandidatePairs(this.span, options.maxPairs);
    const repeated = new RepeatedPassages(options.minOverlapWords, options.passageParagraphs);
    const near = (p: number, q: number) => verifier.hashJaccard(p, q) >= options.threshold;
    const tables = blockTables([corpus], 0, options.bands, true, this.exact.excluded());
    collectCandidates(tables, collected, undefined, {
      largeBucket: LARGE_BUCKET,
      onLargeBucket: (ids, count) => pairLargeBucket(ids, count, near, collected),
      frequent: options.passageParagraphs,
      onFrequent: (fingerprint, ids, count) => repeated.addFrequent(fingerprint, ids, count),
    });
    this.found = repeated.find(verifier, this.source.place, collected);
    verifier.setPassageRanges((p) => this.found.ranges.get(p));
    return collected.sortedUnique();
  }

  /**
   * Clusters, the pairs listed, document groups: the candidate pairs settled (docs/groups.md) and grouped,
   * as the Report. Pairs are verified here, only as far as grouping needs them, unless `verified` holds
   * them already (every candidate that verifies, by key, as worker threads give them): the Report is the
   * same. More than maxPairs overlaps stop the call; `onCandidate` is told of each candidate settled.
   */
  groups(candidates: Float64Array, verified?: ReadonlyMap<number, Pair>, onCandidate?: () => void): Grouped {
    const { corpus, exact, verifier, source, options, span } = this;
    const isCandidate = (key: number) => {
      const at = firstAtOrAbove(candidates, key);
      return at < candidates.length && candidates[at] === key;
    };
    // With pairs verified elsewhere, a candidate's answer is looked up; other pairs are verified here.
    const known = (p: number, q: number) => {
      const key = p * span + q;
      return verified === undefined || !isCandidate(key) ? null : verified.get(key);
    };
    let overlaps = 0;
    const clustered = clusterPairs(candidates, {
      exact,
      mayBeNear: (p, q) => verifier.hashJaccard(p, q) >= options.threshold,
      nearJaccard: (p, q) => {
        const pair = known(p, q);
        if (pair === null) return verifier.nearJaccard(p, q);
        const near = pair !== undefined && pair.kind !== 'overlap';
        return near && verifier.hashJaccard(p, q) >= options.threshold ? pair.jaccard : undefined;
      },
      verify: (p, q) => {
        const pair = known(p, q);
        return pair === null ? verifier.verify(p, q) : pair;
      },
      exactCopy: (p, q) => verifier.exactCopy(p, q),
      place: source.place,
      onOverlap: () => {
        if (overlaps++ === options.maxPairs) throw tooManyFlagged(options.maxPairs);
      },
      onCandidate,
    });
    return {
      pairs: clustered.pairs,
      clusters: clustered.clusters,
      passages: this.found.passages,
      documentGroups: documentGroups({
        docOf: corpus.docOf,
        repOf: exact.repOf,
        clusterOf: clustered.clusterOf,
        clusterReps: clustered.representatives,
        docIds: corpus.docs.map((d) => d.id),
        share: options.documentShare,
      }),
    };
  }
}
