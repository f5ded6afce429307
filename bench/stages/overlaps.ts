// Overlaps: winnowing fingerprints (indexing), pairs of paragraphs sharing a fingerprint (candidate
// generation), and extending the candidates that share a window to their maximal shared runs (verification).

import { CandidatePairs, pairOfKey } from '../../src/candidates/candidate-pairs.js';
import { blockTables, collectCandidates } from '../../src/candidates/collect.js';
import { KeyedIds } from '../../src/candidates/radix-groups.js';
import { jaccard, winnow } from '../../src/index.js';
import { Detection } from '../../src/pipeline/detection.js';
import { sharedRuns } from '../../src/verify/shared-runs.js';
import type { BenchContext, StageTask } from './context.js';

export const OVERLAPS = {
  winnow: 'overlaps: winnowing fingerprints of every paragraph (as indexing does)',
  grouping: 'overlaps: fingerprint grouping: radix sort, pair up each group (findDuplicates)',
  extension: 'overlaps: shared-run extension (sharedRuns) of non-near candidates sharing a run',
} as const;

/**
 * The candidate pairs whose shared runs of ≥ minOverlapWords words the verifier extends as overlaps:
 * below the threshold, and sharing such a run (the verifier's window filter lets exactly these through,
 * plus the rare rolling-hash collision). With the words and term hashes sharedRuns reads.
 */
export function overlapExtensions(ctx: BenchContext) {
  const { corpus, resolved, extractor } = ctx;
  const n = corpus.docOf.length;
  const read = (p: number) => {
    const doc = corpus.docs[corpus.docOf[p]];
    const info = corpus.paragraphsByDoc[corpus.docOf[p]][corpus.indexOf[p]];
    return extractor.readOwned(doc.text, info.start, info.end);
  };
  const set = (p: number) => corpus.setValues.subarray(corpus.setOffsets[p], corpus.setOffsets[p + 1]);
  const pairs = [];
  ctx.restoreFingerprints();
  for (const key of new Detection(corpus, resolved, extractor).candidates()) {
    const [p, q] = pairOfKey(key, n);
    if (jaccard(set(p), set(q)) >= resolved.threshold) continue;
    const a = read(p);
    const b = read(q);
    const args = [a.terms.words, a.termHashes, b.terms.words, b.termHashes] as const;
    if (sharedRuns(...args, resolved.minOverlapWords).length > 0) pairs.push(args);
  }
  return pairs;
}

export function overlapTasks(ctx: BenchContext): StageTask[] {
  const { termHashes, mb, corpus, resolved } = ctx;
  const m = resolved.minOverlapWords;
  const fingerprints = new KeyedIds(1 << 16);
  let scratch: Uint32Array = new Uint32Array(256);
  const extensions = overlapExtensions(ctx);
  return [
    {
      name: OVERLAPS.winnow,
      mb,
      fn: () => {
        fingerprints.clear();
        termHashes.forEach((h, p) => {
          scratch = winnow(h, h.length, m, scratch, (fp) => fingerprints.push(fp, p));
        });
      },
    },
    {
      name: OVERLAPS.grouping,
      mb,
      beforeEach: ctx.restoreFingerprints,
      fn: () => {
        // The fingerprint table alone (sorted in place, as findDuplicates sorts it).
        const tables = blockTables([corpus], 0, resolved.bands, true);
        const collected = new CandidatePairs(corpus.docOf.length, resolved.maxPairs);
        collectCandidates(
          { count: 1, table: (_, scratch) => tables.table(resolved.bands, scratch) },
          collected,
        );
        return collected.sortedUnique();
      },
    },
    {
      name: OVERLAPS.extension,
      mb,
      fn: () => {
        for (const args of extensions) sharedRuns(...args, m);
      },
    },
  ];
}
