// The inputs every stage benchmark shares, prepared once so that each task times only its own stage:
// one seeded corpus, its paragraphs, and what the pipeline derives from them in order.

import {
  createDetector,
  createHasher,
  type Detector,
  permutationKeys,
  type ResolvedOptions,
  resolveOptions,
  shingleHashes,
  signInto,
  sortUnique,
  splitParagraphs,
} from '../../src/index.js';
import { buildCorpus, type Corpus } from '../../src/pipeline/corpus.js';
import { readDocuments, type SourceDocument } from '../../src/pipeline/documents.js';
import { FeatureExtractor } from '../../src/sketch/features.js';
import { generateCorpus } from '../corpus.js';

/** One benchmark task: `fn` is timed; `beforeEach` (not timed) restores any input `fn` changes. */
export interface StageTask {
  name: string;
  /** Megabytes of paragraph text the task processes, for its throughput. */
  mb: number;
  fn: () => unknown;
  beforeEach?: () => void;
}

export interface BenchContext {
  seed: number;
  documents: { id: string; text: string }[];
  docs: SourceDocument[];
  /** Every paragraph's text, in corpus order. */
  texts: string[];
  mb: number;
  /** The first paragraphs, for the text signers (npm minhash is slow). */
  sample: string[];
  sampleMb: number;
  resolved: ResolvedOptions;
  detector: Detector;
  extractor: FeatureExtractor;
  keys: Uint32Array;
  /** Per paragraph: XXH32 of each term (extractor.terms). */
  termHashes: Uint32Array[];
  /** Per paragraph: the sorted unique shingle set. */
  sets: Uint32Array[];
  /** Every paragraph's signature, numHashes values each. */
  signatures: Uint32Array;
  /** The indexed corpus, exactly as findDuplicates builds it. */
  corpus: Corpus;
  /**
   * Puts corpus.fingerprints back in the order indexing left them (candidate generation sorts them in
   * place): a beforeEach for tasks that generate candidates, so every run sorts what the pipeline sorts.
   */
  restoreFingerprints: () => void;
}

export const megabytes = (list: readonly string[]) =>
  list.reduce((sum, p) => sum + Buffer.byteLength(p), 0) / 1e6;

export async function prepareContext(
  paragraphs: number,
  sampleSize: number,
  seed = 42,
): Promise<BenchContext> {
  const { documents } = generateCorpus({ paragraphs, seed });
  const texts = documents.flatMap((d) => splitParagraphs(d.text).map((p) => d.text.slice(p.start, p.end)));
  const sample = texts.slice(0, sampleSize);
  const { resolved } = resolveOptions();
  const detector = await createDetector();
  const keys = permutationKeys(resolved.seed, resolved.numHashes);
  const extractor = new FeatureExtractor(resolved, await createHasher(), keys, undefined);
  const termHashes = texts.map((t) => {
    const terms = extractor.terms(t, 0, t.length);
    return terms.hashes.slice(0, terms.terms);
  });
  const sets = termHashes.map((h) => {
    const { hashes, count } = shingleHashes(
      h,
      h.length,
      resolved.shingleSize,
      resolved.seed,
      new Uint32Array(16),
    );
    return hashes.slice(0, sortUnique(hashes, count));
  });
  const signatures = new Uint32Array(texts.length * resolved.numHashes);
  for (const [p, set] of sets.entries())
    signInto(set, 0, set.length, keys, signatures, p * resolved.numHashes);
  const docs = readDocuments(documents);
  const corpus = buildCorpus(docs, resolved, undefined, extractor);
  const asIndexed = {
    keys: corpus.fingerprints.slice(),
    ids: corpus.fingerprintParagraphs.slice(),
  };
  return {
    seed,
    documents,
    docs,
    texts,
    mb: megabytes(texts),
    sample,
    sampleMb: megabytes(sample),
    resolved,
    detector,
    extractor,
    keys,
    termHashes,
    sets,
    signatures,
    corpus,
    restoreFingerprints: () => {
      corpus.fingerprints.set(asIndexed.keys);
      corpus.fingerprintParagraphs.set(asIndexed.ids);
    },
  };
}

/** Runs fn on every item (a loop that discards what fn returns). */
export function each<T>(list: readonly T[], fn: (item: T) => unknown): void {
  for (const item of list) fn(item);
}
