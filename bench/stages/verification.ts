// After indexing: every candidate pair (LSH bands and fingerprints, as findDuplicates takes them),
// exact verification of all of them, and the Report built from the pairs that verify.

import { corpusSource } from '../../src/pipeline/corpus.js';
import { Detection } from '../../src/pipeline/detection.js';
import { type FoundPair, verifyCandidates } from '../../src/pipeline/find.js';
import { assembleReport } from '../../src/pipeline/report.js';
import { verifyParams } from '../../src/pipeline/stage-params.js';
import { ExactShingles, type HashedTerms, type ShingleSet } from '../../src/verify/exact-shingles.js';
import { PairVerifier } from '../../src/verify/pair-verifier.js';
import type { BenchContext, StageTask } from './context.js';

export const VERIFICATION = {
  candidates:
    'candidates: exact copies grouped, band keys + fingerprints, repeated passages, sorted and deduplicated (Detection.candidates)',
  verify: 'verification: every candidate pair, LSH + fingerprints (verifyCandidates)',
  verifyExact: 'verification, exact runs only (bridgeGap 0): the same candidate pairs',
  exact:
    'verification, its exact part: Jaccard and containment of the flagged pairs on their words (ExactShingles)',
  report:
    'report: clusters, pairs listed, document groups, blocks, the Report, every candidate verified already (Detection.groups + assembleReport)',
} as const;

export interface CandidateCounts {
  candidates: number;
  flagged: number;
}

export function verificationTasks(ctx: BenchContext): { tasks: StageTask[]; counts: CandidateCounts } {
  const { corpus, resolved, extractor, mb } = ctx;
  const n = corpus.docOf.length;
  ctx.restoreFingerprints();
  const detection = new Detection(corpus, resolved, extractor);
  const candidates = detection.candidates().slice();
  const verifyWith = (options: typeof resolved) => () => {
    const verifier = new PairVerifier(corpusSource(corpus), verifyParams(options), extractor);
    verifier.setPassageRanges((p) => detection.passageRanges(p));
    return verifyCandidates(candidates, n, verifier, options.maxPairs);
  };
  const verify = verifyWith(resolved);
  const verified = verify();
  // The terms of both sides of every flagged pair, as verification reads them: the exact figures are
  // computed for these pairs (and for the few that 32-bit collisions alone make look alike).
  const read = new Map<number, HashedTerms>();
  const termsOf = (p: number) => {
    let terms = read.get(p);
    if (terms === undefined) {
      const info = corpus.paragraphsByDoc[corpus.docOf[p]][corpus.indexOf[p]];
      const paragraph = extractor.readOwned(corpus.docs[corpus.docOf[p]].text, info.start, info.end);
      terms = { words: paragraph.terms.words, hashes: paragraph.termHashes };
      read.set(p, terms);
    }
    return terms;
  };
  const flaggedTerms = verified.map(({ p, q }) => [termsOf(p), termsOf(q)] as const);
  const known = new Map(verified.map((f: FoundPair) => [f.p * n + f.q, f.pair]));
  const tasks: StageTask[] = [
    {
      name: VERIFICATION.candidates,
      mb,
      beforeEach: ctx.restoreFingerprints,
      fn: () => new Detection(corpus, resolved, extractor).candidates(),
    },
    { name: VERIFICATION.verify, mb, fn: verify },
    { name: VERIFICATION.verifyExact, mb, fn: verifyWith({ ...resolved, bridgeGap: 0 }) },
    {
      name: VERIFICATION.exact,
      mb,
      fn: () => {
        // As the verifier does: each paragraph's shingle set made once, then merged per pair.
        const exact = new ExactShingles(verifyParams(resolved));
        const sets = new Map<HashedTerms, ShingleSet>();
        const setOf = (terms: HashedTerms) => {
          let set = sets.get(terms);
          if (set === undefined) {
            set = exact.shingleSet(terms);
            sets.set(terms, set);
          }
          return set;
        };
        for (const [a, b] of flaggedTerms) exact.compare(setOf(a), setOf(b));
      },
    },
    {
      name: VERIFICATION.report,
      mb,
      fn: () => assembleReport(corpus, resolved, detection.groups(candidates, known), candidates.length, 0),
    },
  ];
  return { tasks, counts: { candidates: candidates.length, flagged: verified.length } };
}
