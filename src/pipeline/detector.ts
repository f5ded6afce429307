import { checkParagraphCount } from '../candidates/candidate-pairs.js';
import { describeValue, NearDupError } from '../errors.js';
import { FeatureExtractor } from '../sketch/features.js';
import { createHasher } from '../sketch/hash.js';
import { permutationKeys } from '../sketch/minhash.js';
import { loadTokenFilter } from '../text/language.js';
import type { ParagraphSplitter } from '../text/paragraphs.js';
import type { DocumentInput, Report, ResolvedOptions } from '../types.js';
import { CorpusBuilder } from './corpus.js';
import { DocumentReader, readDocuments } from './documents.js';
import { findInCorpus, now } from './find.js';
import { type Options, resolveOptions } from './options.js';
import { type ProgressOptions, progressCallback } from './progress.js';
import { languageParams, shingleParams } from './stage-params.js';

export interface Detector {
  /** Every option with the value in use. */
  readonly options: ResolvedOptions;
  /**
   * Finds near duplicates and overlaps in and across the documents (synchronous). `progress.onProgress`
   * is told how verification advances.
   */
  find(documents: readonly DocumentInput[], progress?: ProgressOptions): Report;
  /**
   * The same for documents that arrive one by one (an async or sync iterable, such as files read from
   * disk): each is indexed as it arrives, so the caller never holds them all in one array.
   */
  findStream(
    documents: AsyncIterable<DocumentInput> | Iterable<DocumentInput>,
    progress?: ProgressOptions,
  ): Promise<Report>;
  /** MinHash signature (numHashes values) of one paragraph of text. */
  signature(text: string): Uint32Array;
}

/** Validated options and the feature extractor they call for (loads xxhash-wasm, and natural when asked). */
export async function prepare(options?: Options): Promise<{
  resolved: ResolvedOptions;
  splitter: ParagraphSplitter | undefined;
  extractor: FeatureExtractor;
}> {
  const { resolved, splitter } = resolveOptions(options);
  return { resolved, splitter, extractor: await loadExtractor(resolved) };
}

/** The feature extractor resolved options call for (in this thread or a worker thread). */
export async function loadExtractor(resolved: ResolvedOptions): Promise<FeatureExtractor> {
  const [hasher, filter] = await Promise.all([createHasher(), loadTokenFilter(languageParams(resolved))]);
  const keys = permutationKeys(resolved.seed, resolved.numHashes);
  return new FeatureExtractor(shingleParams(resolved), hasher, keys, filter);
}

/** Validates the options and loads what they need (xxhash-wasm; natural when stemming); then all is sync. */
export async function createDetector(options?: Options): Promise<Detector> {
  const { resolved, splitter, extractor } = await prepare(options);
  return {
    options: resolved,
    find(documents, progress) {
      const started = now();
      const onProgress = progressCallback(progress);
      const docs = readDocuments(documents);
      const builder = new CorpusBuilder(resolved, splitter, extractor);
      for (const doc of docs) builder.add(doc);
      return findInCorpus(builder.finish(), resolved, extractor, started, onProgress);
    },
    async findStream(documents, progress) {
      const started = now();
      const onProgress = progressCallback(progress);
      const source = iterableOf(documents);
      const reader = new DocumentReader();
      const builder = new CorpusBuilder(resolved, splitter, extractor);
      for await (const item of source) {
        builder.add(reader.read(item));
        checkParagraphCount(builder.paragraphs);
      }
      return findInCorpus(builder.finish(), resolved, extractor, started, onProgress);
    },
    signature(text) {
      if (typeof text !== 'string') {
        throw new NearDupError(
          'INVALID_DOCUMENT',
          `neardup: signature() takes the text of one paragraph as a string, got ${describeValue(text)}`,
        );
      }
      const set = extractor.shingles(extractor.terms(text, 0, text.length));
      const out = new Uint32Array(resolved.numHashes);
      extractor.sign(set.hashes, set.count, out, 0);
      return out;
    },
  };
}

/**
 * One-shot detection: createDetector(options).find(documents, progress) for an array,
 * .findStream(documents, progress) for an async or sync iterable of documents.
 */
export async function findDuplicates(
  documents: readonly DocumentInput[] | AsyncIterable<DocumentInput> | Iterable<DocumentInput>,
  options?: Options,
  progress?: ProgressOptions,
): Promise<Report> {
  progressCallback(progress); // validate before any async work, so a bad argument fails fast
  if (!Array.isArray(documents) && isIterable(documents)) {
    return (await createDetector(options)).findStream(documents, progress);
  }
  const docs = readDocuments(documents); // validate before any async work, so bad input fails fast
  return (await createDetector(options)).find(docs, progress);
}

/** An object (not a string) that can be iterated, with for await or for. */
export function isIterable(value: unknown): value is AsyncIterable<unknown> | Iterable<unknown> {
  return (
    typeof value === 'object' && value !== null && (Symbol.asyncIterator in value || Symbol.iterator in value)
  );
}

export function iterableOf<T>(value: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> | Iterable<T> {
  if (Array.isArray(value) || isIterable(value)) return value;
  throw new NearDupError(
    'INVALID_INPUT',
    `neardup: findStream takes an iterable or async iterable of documents, got ${describeValue(value)}`,
  );
}
