// LSH: the band keys indexing computes from each signature, the candidate pairs findDuplicates groups
// from them (one radix sort per band), and the exported LshIndex (the same band keys and lookup, item by item).

import { writeBandKeys } from '../../src/candidates/band-keys.js';
import { CandidatePairs } from '../../src/candidates/candidate-pairs.js';
import { blockTables, collectCandidates } from '../../src/candidates/collect.js';
import { LshIndex } from '../../src/index.js';
import type { Corpus } from '../../src/pipeline/corpus.js';
import type { ResolvedOptions } from '../../src/types.js';
import type { BenchContext, StageTask } from './context.js';

export const LSH = {
  bandKeys: 'LSH band keys: hash every band of every signature (as indexing does)',
  candidates: 'LSH candidates: radix-sort band keys, pair up each group (findDuplicates)',
  mapInsert: 'LshIndex (exported building block, one item at a time): insert all',
  mapQuery: 'LshIndex (exported building block, one item at a time): query all',
} as const;

/** The candidate pairs of paragraphs sharing an LSH band (the band tables alone, as findDuplicates takes them). */
function bandCandidates(corpus: Corpus, resolved: ResolvedOptions): Float64Array {
  const collected = new CandidatePairs(corpus.docOf.length, resolved.maxPairs);
  collectCandidates(
    { count: resolved.bands, table: blockTables([corpus], 0, resolved.bands).table },
    collected,
  );
  return collected.sortedUnique();
}

/** The distinct candidate pairs from LSH bands alone. */
export function bandCandidateCount(ctx: BenchContext): number {
  return bandCandidates(ctx.corpus, ctx.resolved).length;
}

export function lshTasks(ctx: BenchContext): StageTask[] {
  const { texts, mb, signatures, corpus, resolved } = ctx;
  const { bands, rows, numHashes } = resolved;
  const keys = new Uint32Array(texts.length * bands);
  const lsh = new LshIndex(bands, rows);
  for (let p = 0; p < texts.length; p++) lsh.insert(p, signatures, p * numHashes);
  return [
    {
      name: LSH.bandKeys,
      mb,
      fn: () => {
        for (let p = 0; p < texts.length; p++)
          writeBandKeys(signatures, p * numHashes, bands, rows, keys, p * bands);
      },
    },
    {
      name: LSH.candidates,
      mb,
      fn: () => bandCandidates(corpus, resolved),
    },
    {
      name: LSH.mapInsert,
      mb,
      fn: () => {
        const index = new LshIndex(bands, rows);
        for (let p = 0; p < texts.length; p++) index.insert(p, signatures, p * numHashes);
      },
    },
    {
      name: LSH.mapQuery,
      mb,
      fn: () => {
        for (let p = 0; p < texts.length; p++) lsh.query(signatures, p * numHashes);
      },
    },
  ];
}
