import { Buckets } from './buckets.js';
import { prepare } from './detect.js';
import { DocumentReader, type SourceDocument } from './documents.js';
import { describeValue, NearDupError } from './errors.js';
import { findInCorpus, now } from './find.js';
import { corpusOf, entryOf, type IndexEntry } from './index-entries.js';
import { decodeEntry, encodeEntry, indexParameters } from './index-format.js';
import { queryPairs, reportOf } from './index-query.js';
import type { Options, ResolvedOptions } from './options.js';
import type { DocumentInput, Pair, Report } from './types.js';

/**
 * Where a shared index keeps its documents and buckets, for many processes at once (redisStorage in
 * neardup/node implements it). Every method is one atomic step of the store.
 */
export interface IndexStorage {
  /** The parameters the stored index was made with; stores these first when the index is new. */
  init(parameters: string): Promise<string>;
  /** Stores a document with its record and bucket names, all or nothing; false when the id exists. */
  insert(id: string, record: Uint8Array, buckets: readonly string[]): Promise<boolean>;
  /** Removes a document from its record and buckets if the record is still `record`; 'changed' else. */
  remove(
    id: string,
    record: Uint8Array,
    buckets: readonly string[],
  ): Promise<'removed' | 'absent' | 'changed'>;
  /** The records of these ids with their order of addition (undefined for unknown ids). */
  get(ids: readonly string[]): Promise<({ record: Uint8Array; order: number } | undefined)[]>;
  /** The ids in any of these buckets. */
  members(buckets: readonly string[]): Promise<string[]>;
  /** Every id, in the order added. */
  ids(): Promise<string[]>;
  /** Reserves `count` document numbers (for ids doc-N); returns the first. */
  reserve(count: number): Promise<number>;
  /** The number the next reserve() would return first, reserving nothing (what a query names doc-N). */
  next(): Promise<number>;
  close(): Promise<void>;
}

/** The lasting index over shared storage: the same answers as createIndex's, every call async. */
export interface SharedIndex {
  readonly options: ResolvedOptions;
  size(): Promise<number>;
  /** Adds documents; each is stored atomically (in all its buckets or none), but a batch is not. */
  add(documents: readonly DocumentInput[]): Promise<void>;
  remove(id: string): Promise<boolean>;
  query(document: DocumentInput): Promise<Pair[]>;
  addAndCheck(documents: readonly DocumentInput[]): Promise<Report>;
  report(): Promise<Report>;
  document(id: string): Promise<{ id: string; text: string } | undefined>;
  ids(): Promise<string[]>;
  /** Closes the storage connection. */
  close(): Promise<void>;
}

/** A lasting index kept in `storage`, created there with these options or opened with the stored ones. */
export async function openSharedIndex(storage: IndexStorage, options?: Options): Promise<SharedIndex> {
  const { resolved, splitter, extractor } = await prepare(options);
  const parameters = JSON.stringify(indexParameters(resolved));
  const stored = await storage.init(parameters);
  if (stored !== parameters) {
    throw new NearDupError(
      'INDEX_MISMATCH',
      `neardup: the shared index was made with ${stored}; these options give ${parameters}`,
    );
  }
  const { bands } = resolved;
  const bucketsOf = (entry: IndexEntry): string[] => {
    const names = new Set<string>();
    for (let i = 0; i < entry.paragraphs.length; i++) {
      if (entry.setOffsets[i + 1] === entry.setOffsets[i]) continue;
      for (let b = 0; b < bands; b++) names.add(`b${b}:${entry.bandKeys[i * bands + b].toString(16)}`);
    }
    for (const fp of entry.fingerprints) names.add(`f:${fp.toString(16)}`);
    return [...names];
  };
  /** Stored entries of these ids, in the order they were added. */
  const fetch = async (ids: readonly string[]): Promise<IndexEntry[]> => {
    const found = await storage.get(ids);
    return found
      .filter((f): f is { record: Uint8Array; order: number } => f !== undefined)
      .sort((x, y) => x.order - y.order)
      .map((f) => decodeEntry(f.record, bands));
  };
  /** Reads documents; unnamed ones are doc-N from `first` (reserve() for an add, next() for a query). */
  const read = async (
    documents: readonly DocumentInput[],
    numbers: (count: number) => Promise<number>,
  ): Promise<IndexEntry[]> => {
    if (!Array.isArray(documents)) {
      throw new NearDupError(
        'INVALID_INPUT',
        `neardup: add() takes an array of documents, got ${describeValue(documents)}`,
      );
    }
    const reader = new DocumentReader();
    const docs: SourceDocument[] = documents.map((item) => reader.read(item));
    // As in createIndex: doc-N counts every document ever added, named or not.
    const first = documents.length > 0 ? await numbers(documents.length) : 0;
    documents.forEach((item, i) => {
      if (typeof item === 'string' || (item as { id?: unknown }).id === undefined)
        docs[i].id = `doc-${first + i}`;
    });
    return docs.map((doc) => entryOf(doc, resolved, splitter, extractor));
  };
  const reserve = (count: number) => storage.reserve(count);
  const insert = async (entry: IndexEntry) => {
    if (!(await storage.insert(entry.doc.id, encodeEntry(entry), bucketsOf(entry)))) {
      throw new NearDupError(
        'DUPLICATE_ID',
        `neardup: a document with id ${JSON.stringify(entry.doc.id)} is already indexed`,
      );
    }
  };
  const pairsOf = async (entry: IndexEntry) => {
    const near = await fetch((await storage.members(bucketsOf(entry))).filter((id) => id !== entry.doc.id));
    if ((await storage.get([entry.doc.id]))[0]) {
      throw new NearDupError(
        'DUPLICATE_ID',
        `neardup: a document with id ${JSON.stringify(entry.doc.id)} is already indexed`,
      );
    }
    const bandMaps = Array.from({ length: bands }, () => new Buckets());
    const fingerprints = new Buckets();
    let base = 0;
    for (const e of near) {
      for (let i = 0; i < e.paragraphs.length; i++) {
        if (e.setOffsets[i + 1] === e.setOffsets[i]) continue;
        for (let b = 0; b < bands; b++) bandMaps[b].add(e.bandKeys[i * bands + b], base + i);
      }
      for (let f = 0; f < e.fingerprints.length; f++)
        fingerprints.add(e.fingerprints[f], base + e.fingerprintParagraphs[f]);
      base += e.paragraphs.length;
    }
    return { near, ...queryPairs(near, entry, base, bandMaps, fingerprints, resolved, extractor) };
  };

  return {
    options: resolved,
    size: async () => (await storage.ids()).length,
    async add(documents) {
      // Sent together (the client pipelines them); each insert is still atomic on its own.
      const results = await Promise.allSettled((await read(documents, reserve)).map(insert));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
    async remove(id) {
      for (;;) {
        const [found] = await storage.get([id]);
        if (!found) return false;
        const result = await storage.remove(id, found.record, bucketsOf(decodeEntry(found.record, bands)));
        if (result !== 'changed') return result === 'removed';
      }
    },
    // As in createIndex, a query numbers an unnamed document as the next add would, and reserves nothing.
    query: async (document) => (await pairsOf((await read([document], () => storage.next()))[0])).pairs,
    async addAndCheck(documents) {
      const started = now();
      const added = await read(documents, reserve);
      const pairs: Pair[] = [];
      const involved = new Map<string, IndexEntry>();
      let candidates = 0;
      for (const entry of added) {
        const found = await pairsOf(entry);
        await insert(entry);
        pairs.push(...found.pairs);
        candidates += found.candidates;
        for (const e of found.near) involved.set(e.doc.id, e);
        involved.set(entry.doc.id, entry);
      }
      const inOrder = await fetch([...involved.keys()]);
      return reportOf(inOrder, added, pairs, candidates, resolved, started);
    },
    report: async () =>
      findInCorpus(corpusOf(await fetch(await storage.ids()), bands), resolved, extractor, now()),
    async document(id) {
      const [entry] = await fetch([id]);
      return entry && { id: entry.doc.id, text: entry.doc.text };
    },
    ids: () => storage.ids(),
    close: () => storage.close(),
  };
}
