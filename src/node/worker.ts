// A verification thread: receives batches of candidate pairs with the paragraphs they involve, answers
// with the pairs that verify. Same code as the single-threaded path (PairVerifier), so same results.
import { parentPort, workerData } from 'node:worker_threads';
import { NearDupError } from '../errors.js';
import { buildCorpus } from '../pipeline/corpus.js';
import { type Options, resolveOptions } from '../pipeline/options.js';
import { FeatureExtractor } from '../sketch/features.js';
import { createHasher } from '../sketch/hash.js';
import { permutationKeys } from '../sketch/minhash.js';
import { loadTokenFilter } from '../text/language.js';
import type { Pair } from '../types.js';
import { PairVerifier } from '../verify/pair-verifier.js';
import { chunkSource, type WorkerTask } from './chunks.js';

const { resolved } = resolveOptions(workerData.options as Options);
const [hasher, filter] = await Promise.all([createHasher(), loadTokenFilter(resolved)]);
const extractor = new FeatureExtractor(
  resolved,
  hasher,
  permutationKeys(resolved.seed, resolved.numHashes),
  filter,
);

parentPort?.on('message', (task: WorkerTask) => {
  try {
    if (task.kind === 'index') {
      const corpus = buildCorpus(task.docs, resolved, undefined, extractor);
      const { keys, ids, length } = corpus.fingerprints;
      const arrays = {
        docOf: corpus.docOf.slice(),
        indexOf: corpus.indexOf.slice(),
        setOffsets: corpus.setOffsets.slice(),
        setValues: corpus.setValues.slice(),
        bandKeys: corpus.bandKeys.slice(),
        fingerprintKeys: keys.slice(0, length),
        fingerprintIds: ids.slice(0, length),
      };
      parentPort?.postMessage(
        { paragraphsByDoc: corpus.paragraphsByDoc, ...arrays },
        Object.values(arrays).map((a) => a.buffer),
      );
      return;
    }
    const chunk = task.chunk;
    const verifier = new PairVerifier(chunkSource(chunk), resolved, extractor);
    const found: number[] = [];
    const pairs: Pair[] = [];
    for (let i = 0; i < chunk.pairs.length / 2; i++) {
      const pair = verifier.verify(chunk.pairs[2 * i], chunk.pairs[2 * i + 1]);
      if (pair !== undefined) {
        found.push(i);
        pairs.push(pair);
      }
    }
    parentPort?.postMessage({ found, pairs });
  } catch (error) {
    const code = error instanceof NearDupError ? error.code : undefined;
    parentPort?.postMessage({ error: { code, message: (error as Error)?.message ?? String(error) } });
  }
});
parentPort?.postMessage({ ready: true });
