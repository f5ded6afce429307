// A verification thread: receives batches of candidate pairs with the paragraphs they involve, answers
// with the pairs that verify. Same code as the single-threaded path (PairVerifier), so same results.
import { parentPort, workerData } from 'node:worker_threads';
import { NearDupError } from '../errors.js';
import { buildCorpus } from '../pipeline/corpus.js';
import { loadExtractor } from '../pipeline/detector.js';
import { type Options, resolveOptions } from '../pipeline/options.js';
import { verifyParams } from '../pipeline/stage-params.js';
import type { Pair } from '../types.js';
import { PairVerifier } from '../verify/pair-verifier.js';
import { chunkPassages, chunkSource, type WorkerTask } from './chunks.js';

const { resolved } = resolveOptions(workerData.options as Options);
const extractor = await loadExtractor(resolved);
const verify = verifyParams(resolved);

parentPort?.on('message', (task: WorkerTask) => {
  try {
    if (task.kind === 'index') {
      const corpus = buildCorpus(task.docs, resolved, undefined, extractor);
      const arrays = {
        docOf: corpus.docOf.slice(),
        indexOf: corpus.indexOf.slice(),
        setOffsets: corpus.setOffsets.slice(),
        setValues: corpus.setValues.slice(),
        bandKeys: corpus.bandKeys.slice(),
        fingerprints: corpus.fingerprints.slice(),
        fingerprintsHigh: corpus.fingerprintsHigh.slice(),
        fingerprintParagraphs: corpus.fingerprintParagraphs.slice(),
      };
      parentPort?.postMessage(
        { paragraphsByDoc: corpus.paragraphsByDoc, ...arrays },
        Object.values(arrays).map((a) => a.buffer),
      );
      return;
    }
    const chunk = task.chunk;
    const verifier = new PairVerifier(chunkSource(chunk), verify, extractor);
    verifier.setPassageRanges((l) => chunkPassages(chunk, l));
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
