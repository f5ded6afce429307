// neardup/node: what only Node can do. The detection of the main entry, with verification spread over
// worker threads; the report is the same as findDuplicates gives.
import os from 'node:os';
import { CorpusBuilder } from '../corpus.js';
import { isIterable, iterableOf, prepare } from '../detect.js';
import { DocumentReader, readDocuments } from '../documents.js';
import { describeValue, NearDupError } from '../errors.js';
import {
  assembleReport,
  candidatePairs,
  checkParagraphCount,
  type FoundPair,
  now,
  tooManyFlagged,
} from '../find.js';
import type { Options } from '../options.js';
import { pairOfKey } from '../pair-keys.js';
import type { DocumentInput, Pair, Report } from '../types.js';
import { makeChunk, type VerifyChunk } from './chunks.js';
import { WorkerPool } from './pool.js';

export { type RedisStorageOptions, redisStorage } from './redis.js';

export interface ParallelOptions {
  /** Worker threads verifying candidate pairs. Default: os.availableParallelism(). */
  threads?: number;
  /** Candidate pairs sent to a thread at a time. Default 2,000. */
  chunkPairs?: number;
}

/**
 * findDuplicates with the verification of candidate pairs (the larger part of the work on big corpora)
 * spread over worker threads. Indexing and candidate search stay on the calling thread; each thread gets
 * batches of pairs with only the paragraph texts and shingle sets they need. The Report equals
 * findDuplicates' for the same input and options (a test checks), except stats.ms.
 */
export async function findDuplicatesParallel(
  documents: readonly DocumentInput[] | AsyncIterable<DocumentInput> | Iterable<DocumentInput>,
  options?: Options,
  { threads = os.availableParallelism(), chunkPairs = 2000 }: ParallelOptions = {},
): Promise<Report> {
  for (const [name, value, min] of [
    ['threads', threads, 1],
    ['chunkPairs', chunkPairs, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min || value > 1_000_000) {
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: ${name} must be an integer from ${min} to 1000000, got ${describeValue(value)}`,
      );
    }
  }
  const started = now();
  const { resolved, splitter, extractor } = await prepare(options);
  const builder = new CorpusBuilder(resolved, splitter, extractor);
  const reader = new DocumentReader();
  if (!Array.isArray(documents) && !isIterable(documents)) readDocuments(documents); // throws INVALID_INPUT
  for await (const item of iterableOf(documents as Iterable<DocumentInput>)) {
    builder.add(reader.read(item));
    checkParagraphCount(builder.paragraphs);
  }
  const corpus = builder.finish();
  const candidates = candidatePairs(corpus, resolved);
  const total = corpus.docOf.length;

  // Threads rebuild the extractor from plain options (a splitter function cannot cross; they never split).
  const workerOptions = { ...resolved, paragraphs: 'auto' };
  const pool = await WorkerPool.start<VerifyChunk, { found: number[]; pairs: Pair[] }>(
    new URL('./node-worker.js', import.meta.url),
    threads,
    { options: workerOptions },
  );
  const found: FoundPair[] = [];
  try {
    const inFlight = new Set<Promise<void>>();
    for (let from = 0; from < candidates.length; from += chunkPairs) {
      const ps: number[] = [];
      const qs: number[] = [];
      for (const key of candidates.subarray(from, from + chunkPairs)) {
        const [p, q] = pairOfKey(key, total);
        ps.push(p);
        qs.push(q);
      }
      const job: Promise<void> = pool.run(makeChunk(corpus, ps, qs)).then(({ found: hits, pairs }) => {
        for (const [k, i] of hits.entries()) found.push({ pair: pairs[k], p: ps[i], q: qs[i] });
        inFlight.delete(job);
      });
      inFlight.add(job);
      // Two batches per thread in flight: threads stay busy, and only those batches' texts are copied.
      if (inFlight.size >= 2 * threads) await Promise.race(inFlight);
      if (found.length > resolved.maxPairs) throw tooManyFlagged(resolved);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  if (found.length > resolved.maxPairs) throw tooManyFlagged(resolved);
  return assembleReport(corpus, resolved, found, candidates.length, started);
}
