// neardup/node: what only Node can do. The detection of the main entry, with verification spread over
// worker threads; the report is the same as findDuplicates gives.
import os from 'node:os';
import { checkParagraphCount, pairOfKey, tooManyFlagged } from '../candidates/candidate-pairs.js';
import { describeValue, NearDupError } from '../errors.js';
import { CorpusBuilder } from '../pipeline/corpus.js';
import { Detection } from '../pipeline/detection.js';
import { isIterable, iterableOf, prepare } from '../pipeline/detector.js';
import { DocumentReader, readDocuments, type SourceDocument } from '../pipeline/documents.js';
import type { FoundPair } from '../pipeline/find.js';
import type { Options } from '../pipeline/options.js';
import {
  PROGRESS_EVERY,
  type ProgressCallback,
  type ProgressOptions,
  progressCallback,
} from '../pipeline/progress.js';
import { assembleReport, now } from '../pipeline/report.js';
import type { DocumentInput, Pair, Report } from '../types.js';
import { batchCorpus, type IndexedBatch, makeChunk, type WorkerTask } from './chunks.js';
import { WorkerPool } from './pool.js';

export { type RedisStorageOptions, redisStorage } from './redis.js';
export type { RedisClient } from './redis-client.js';
export {
  type RedisClusterStorage,
  type RedisClusterStorageOptions,
  redisClusterStorage,
} from './redis-cluster.js';

export interface ParallelOptions {
  /** Worker threads verifying candidate pairs. Default: os.availableParallelism(). */
  threads?: number;
  /** Candidate pairs sent to a thread at a time. Default 2,000. */
  chunkPairs?: number;
  /** Documents sent to a thread to index at a time (fewer when they hold over 2 M characters). Default 500. */
  batchDocuments?: number;
  /** Told how verification advances, as findDuplicates' onProgress (here after each batch of candidates). */
  onProgress?: ProgressOptions['onProgress'];
}

/**
 * findDuplicates with the work spread over worker threads: documents are indexed in batches on the
 * threads (appended in their order), then candidate pairs are verified in batches that carry only the
 * paragraph texts and shingle sets they need. Candidate search stays on the calling thread, and so does
 * indexing when a custom paragraph splitter is given (a function cannot cross to a thread). The Report equals
 * findDuplicates' for the same input and options (a test checks), except stats.ms.
 */
export async function findDuplicatesParallel(
  documents: readonly DocumentInput[] | AsyncIterable<DocumentInput> | Iterable<DocumentInput>,
  options?: Options,
  parallel: ParallelOptions = {},
): Promise<Report> {
  const { threads = os.availableParallelism(), chunkPairs = 2000, batchDocuments = 500 } = parallel;
  const onProgress = progressCallback({ onProgress: parallel.onProgress });
  for (const [name, value, min] of [
    ['threads', threads, 1],
    ['chunkPairs', chunkPairs, 1],
    ['batchDocuments', batchDocuments, 1],
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
  if (!Array.isArray(documents) && !isIterable(documents)) readDocuments(documents); // throws INVALID_INPUT
  // Threads rebuild the extractor from plain options; a custom splitter cannot cross, so with one the
  // documents are indexed here and only verification is spread.
  const workerOptions = { ...resolved, paragraphs: splitter ? 'auto' : resolved.paragraphs };
  const pool = await WorkerPool.start<WorkerTask, unknown>(
    new URL('./node-worker.js', import.meta.url),
    threads,
    {
      options: workerOptions,
    },
  );
  try {
    const builder = new CorpusBuilder(resolved, splitter, extractor);
    const source = iterableOf(documents as Iterable<DocumentInput>);
    if (splitter) {
      const reader = new DocumentReader();
      for await (const item of source) {
        builder.add(reader.read(item));
        checkParagraphCount(builder.paragraphs);
      }
    } else {
      await indexInThreads(pool, source, builder, threads, batchDocuments);
    }
    const corpus = builder.finish();
    const detection = new Detection(corpus, resolved, extractor);
    const candidates = detection.candidates();
    const found = await verifyInThreads(
      pool,
      detection,
      candidates,
      chunkPairs,
      threads,
      resolved.maxPairs,
      () => tooManyFlagged(resolved.maxPairs),
      onProgress,
    );
    // Every candidate was verified on the threads: grouping looks their answers up (the same Report).
    const verified = new Map(found.map((f) => [f.p * corpus.docOf.length + f.q, f.pair]));
    return assembleReport(
      corpus,
      resolved,
      detection.groups(candidates, verified),
      candidates.length,
      started,
    );
  } finally {
    await pool.close();
  }
}

/** The most text one indexing batch carries (UTF-16 code units). */
const BATCH_CHARS = 2_000_000;

/**
 * Reads the documents (validated here, in order), sends them in batches to the threads to index, and
 * appends the indexed batches to `builder` in their order, so the corpus is the one a single thread builds.
 */
async function indexInThreads(
  pool: WorkerPool<WorkerTask, unknown>,
  source: AsyncIterable<DocumentInput> | Iterable<DocumentInput>,
  builder: CorpusBuilder,
  threads: number,
  batchDocuments: number,
): Promise<void> {
  const reader = new DocumentReader();
  const pending: { docs: SourceDocument[]; result: Promise<IndexedBatch> }[] = [];
  let paragraphs = 0;
  const settleOldest = async () => {
    const { docs, result } = pending.shift() as (typeof pending)[number];
    builder.append(batchCorpus(await result, docs));
    paragraphs = builder.paragraphs;
    checkParagraphCount(paragraphs);
  };
  let batch: SourceDocument[] = [];
  let chars = 0;
  const send = () => {
    const docs = batch;
    const result = pool.run({ kind: 'index', docs }) as Promise<IndexedBatch>;
    result.catch(() => {}); // awaited in order by settleOldest
    pending.push({ docs, result });
    batch = [];
    chars = 0;
  };
  for await (const item of source) {
    const doc = reader.read(item);
    batch.push(doc);
    chars += doc.text.length;
    if (batch.length >= batchDocuments || chars >= BATCH_CHARS) {
      send();
      if (pending.length >= 2 * threads) await settleOldest();
    }
  }
  if (batch.length > 0) send();
  while (pending.length > 0) await settleOldest();
}

/**
 * Verifies the candidate pairs in batches on the threads; the pairs that verify, in the order of the
 * candidates (as verifyCandidates gives them). More than maxPairs overlaps stop the call.
 */
async function verifyInThreads(
  pool: WorkerPool<WorkerTask, unknown>,
  detection: Detection,
  candidates: Float64Array,
  chunkPairs: number,
  threads: number,
  maxPairs: number,
  tooMany: () => Error,
  onProgress: ProgressCallback | undefined,
): Promise<FoundPair[]> {
  const { corpus } = detection;
  const total = corpus.docOf.length;
  const batches: FoundPair[][] = [];
  let overlaps = 0;
  const inFlight = new Set<Promise<void>>();
  let verified = 0;
  let reported = 0;
  onProgress?.(0, candidates.length);
  for (let from = 0; from < candidates.length; from += chunkPairs) {
    const ps: number[] = [];
    const qs: number[] = [];
    for (const key of candidates.subarray(from, from + chunkPairs)) {
      const [p, q] = pairOfKey(key, total);
      ps.push(p);
      qs.push(q);
    }
    const chunk = makeChunk(corpus, ps, qs, (p) => detection.passageRanges(p));
    const run = pool.run({ kind: 'verify', chunk }) as Promise<{ found: number[]; pairs: Pair[] }>;
    const batch: FoundPair[] = [];
    batches.push(batch);
    const job: Promise<void> = run.then(({ found: hits, pairs }) => {
      for (const [k, i] of hits.entries()) {
        batch.push({ pair: pairs[k], p: ps[i], q: qs[i] });
        if (pairs[k].kind === 'overlap') overlaps++;
      }
      inFlight.delete(job);
      verified += ps.length;
      if (onProgress !== undefined && verified - reported >= PROGRESS_EVERY && verified < candidates.length) {
        reported = verified;
        onProgress(verified, candidates.length);
      }
    });
    inFlight.add(job);
    // Two batches per thread in flight: threads stay busy, and only those batches' texts are copied.
    if (inFlight.size >= 2 * threads) await Promise.race(inFlight);
    if (overlaps > maxPairs) throw tooMany();
  }
  await Promise.all(inFlight);
  if (overlaps > maxPairs) throw tooMany();
  onProgress?.(candidates.length, candidates.length);
  return batches.flat();
}
