import { QueryBuckets } from '../candidates/buckets.js';
import { describeValue, NearDupError } from '../errors.js';
import { prepare } from '../pipeline/detector.js';
import { alreadyIndexed, readBatch } from '../pipeline/documents.js';
import { findInCorpus, now } from '../pipeline/find.js';
import type { Options, ResolvedOptions } from '../pipeline/options.js';
import type { DocumentInput, Pair, Report } from '../types.js';
import { appendAll } from '../util/append.js';
import { corpusOf, entryOf, type IndexEntry } from './entries.js';
import { decodeIndex, encodeIndex, indexParameters, PLAIN_HASHING_OPTIONS } from './format.js';
import { queryPairs, reportOf } from './query.js';
import { type IndexStorage, openSharedIndex, type SharedIndex } from './shared-index.js';

/** A corpus kept between calls: documents are added and removed, and new ones checked against it. */
export interface NearDupIndex {
  /** Every option with the value in use. */
  readonly options: ResolvedOptions;
  /** Documents indexed. */
  readonly size: number;
  /** Indexes documents (validated first: all are added, or none). Plain strings get ids doc-N. */
  add(documents: readonly DocumentInput[]): void;
  /** Forgets a document; false when no document has that id. */
  remove(id: string): boolean;
  /**
   * The flagged pairs of one new document, against everything indexed and within itself, without adding
   * it: the pairs findDuplicates would report for it after the indexed documents, strongest first.
   */
  query(document: DocumentInput): Pair[];
  /** The Report of everything indexed, as findDuplicates gives for the documents in the order added. */
  report(): Report;
  /**
   * Adds the documents and returns the Report of what they duplicate: every flagged pair with a side in
   * one of them (against the index and among themselves), with the documents involved. Each costs one
   * query, so repeated runs over a growing collection pay only for the new documents. On an error
   * nothing is added. With `replace`, a document whose id is indexed takes the old version's place
   * (checked against the index without it, then added last); on an error the old version stays.
   */
  addAndCheck(documents: readonly DocumentInput[], options?: { replace?: boolean }): Report;
  /** An indexed document's id and text. */
  document(id: string): { id: string; text: string } | undefined;
  /** The documents' ids, in the order added. */
  ids(): string[];
  /** The whole index as bytes (format: docs/index-format.md); loadIndex restores it exactly. */
  save(): Uint8Array;
}

/**
 * A new, empty index (one async set-up, like createDetector; then every call is synchronous). With
 * `storage` (redisStorage from neardup/node), an index shared by many processes instead: created there,
 * or opened with the parameters stored there, with the same answers and async methods.
 */
export function createIndex(options: Options & { storage: IndexStorage }): Promise<SharedIndex>;
export function createIndex(options?: Options): Promise<NearDupIndex>;
export async function createIndex(
  options?: Options & { storage?: IndexStorage },
): Promise<NearDupIndex | SharedIndex> {
  if (options?.storage !== undefined) {
    const { storage, ...rest } = options;
    return openSharedIndex(storage, rest);
  }
  return openIndex(options, []);
}

/**
 * An index restored from save()'s bytes. The options saved with it are used; options given here may
 * change what does not touch the stored hashes (threshold, maxPairs, maxEditChars, minBlockPairs…; bands
 * and rows stay as saved) and must repeat a custom paragraph splitter. Anything that would hash
 * differently throws INDEX_MISMATCH; bytes that are not a whole index throw INDEX_FORMAT.
 */
export async function loadIndex(bytes: Uint8Array, options?: Options): Promise<NearDupIndex> {
  const saved = decodeIndex(bytes);
  const stored: Options = {
    ...saved.options,
    paragraphs: saved.options.paragraphs === 'custom' ? undefined : saved.options.paragraphs,
  };
  if (saved.options.paragraphs === 'custom' && typeof options?.paragraphs !== 'function') {
    throw new NearDupError(
      'INDEX_MISMATCH',
      'neardup: this index was built with a custom paragraph splitter; pass the same function as options.paragraphs',
    );
  }
  // Options that fix hashes directly are compared before they are resolved (else numHashes 64 against
  // saved bands × rows would fail as BANDS_EXCEED_HASHES, hiding the real reason).
  for (const key of PLAIN_HASHING_OPTIONS) {
    if (options?.[key] !== undefined && options[key] !== saved.parameters[key]) {
      throw new NearDupError(
        'INDEX_MISMATCH',
        `neardup: the index was saved with ${key} = ${JSON.stringify(saved.parameters[key])}, these options give ${JSON.stringify(options[key])}`,
      );
    }
  }
  const index = await openIndex({ ...stored, ...options }, saved.entries, saved.serial);
  const current = indexParameters(index.options) as unknown as Record<string, unknown>;
  const then = saved.parameters as unknown as Record<string, unknown>;
  for (const key of Object.keys(current)) {
    if (JSON.stringify(current[key]) !== JSON.stringify(then[key])) {
      throw new NearDupError(
        'INDEX_MISMATCH',
        `neardup: the index was saved with ${key} = ${JSON.stringify(then[key])}, these options give ${JSON.stringify(current[key])}`,
      );
    }
  }
  return index;
}

/** An index holding ready entries (what loadIndex restores). */
async function openIndex(
  options: Options | undefined,
  entries: IndexEntry[],
  savedSerial?: number,
): Promise<NearDupIndex> {
  const { resolved, splitter, extractor } = await prepare(options);
  const byId = new Map(entries.map((e) => [e.doc.id, e]));
  let serial = savedSerial ?? entries.length;
  // Where queries look candidates up (flat, rebuilt when stale; see QueryBuckets).
  const buckets = new QueryBuckets(resolved.bands);

  /**
   * Reads and indexes documents, all or none (they are not yet part of the index). Unnamed ones are doc-N,
   * N counting every document ever added (as findDuplicates numbers them by position when nothing was
   * removed); ids already indexed are refused, unless `replacing` (then they are the ones replaced).
   */
  const readAll = (documents: readonly DocumentInput[], replacing = false): IndexEntry[] => {
    if (!Array.isArray(documents)) {
      throw new NearDupError(
        'INVALID_INPUT',
        `neardup: add() takes an array of documents, got ${describeValue(documents)}`,
      );
    }
    const docs = readBatch(documents, serial + 1);
    if (!replacing) for (const doc of docs) refuseIndexed(doc.id);
    const added = docs.map((doc) => entryOf(doc, resolved, splitter, extractor));
    serial += docs.length;
    return added;
  };
  const refuseIndexed = (id: string) => {
    if (byId.has(id)) alreadyIndexed(id);
  };
  const forget = (id: string): boolean => {
    const entry = byId.get(id);
    if (!entry) return false;
    byId.delete(id);
    entries.splice(entries.indexOf(entry), 1);
    buckets.retire(entry); // its paragraphs keep their numbers, marked dead
    return true;
  };
  const queryWith = (entry: IndexEntry) => {
    buckets.refresh(entries);
    return queryPairs(buckets, entry, resolved, extractor);
  };
  const commit = (entry: IndexEntry) => {
    entries.push(entry);
    byId.set(entry.doc.id, entry);
    buckets.add(entry);
  };

  return {
    options: resolved,
    get size() {
      return entries.length;
    },
    add(documents) {
      for (const entry of readAll(documents)) commit(entry);
    },
    addAndCheck(documents, { replace = false } = {}) {
      const started = now();
      const before = serial;
      const added = readAll(documents, replace);
      // Replaced documents leave first, remembered with their places to come back if this fails.
      const replaced = added
        .map((e) => byId.get(e.doc.id))
        .filter((e): e is IndexEntry => e !== undefined)
        .map((old) => ({ old, at: entries.indexOf(old) }))
        .sort((x, y) => x.at - y.at);
      for (const { old } of replaced) forget(old.doc.id);
      const pairs: Pair[] = [];
      let candidates = 0;
      try {
        for (const entry of added) {
          const found = queryWith(entry);
          appendAll(pairs, found.pairs);
          candidates += found.candidates;
          commit(entry);
        }
      } catch (error) {
        for (const entry of added) if (byId.get(entry.doc.id) === entry) forget(entry.doc.id);
        for (const { old, at } of replaced) {
          entries.splice(at, 0, old);
          byId.set(old.doc.id, old);
        }
        buckets.invalidate();
        serial = before; // as add(): the documents never were, so neither were their numbers
        throw error;
      }
      return reportOf(entries, added, pairs, candidates, resolved, started);
    },
    document(id) {
      const entry = byId.get(id);
      return entry && { id: entry.doc.id, text: entry.doc.text };
    },
    remove: (id) => forget(id),
    query(document) {
      const [doc] = readBatch([document], serial + 1); // numbered as the next add would be; adds nothing
      refuseIndexed(doc.id);
      return queryWith(entryOf(doc, resolved, splitter, extractor)).pairs;
    },
    report: () => findInCorpus(corpusOf(entries, resolved.bands), resolved, extractor, now()),
    ids: () => entries.map((e) => e.doc.id),
    save: () =>
      encodeIndex({
        options: {
          ...resolved,
          stopwords: Array.isArray(resolved.stopwords) ? [...resolved.stopwords] : resolved.stopwords,
        },
        parameters: indexParameters(resolved),
        serial,
        entries,
      }),
  };
}
