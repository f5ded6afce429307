import { QueryBuckets } from '../candidates/buckets.js';
import { describeValue, NearDupError } from '../errors.js';
import { prepare } from '../pipeline/detector.js';
import { alreadyIndexed, readBatch } from '../pipeline/documents.js';
import { findInCorpus, now } from '../pipeline/find.js';
import type { Options, ResolvedOptions } from '../pipeline/options.js';
import type { DocumentInput, Pair, Report } from '../types.js';
import { appendAll } from '../util/append.js';
import { corpusOf, entryOf, type IndexEntry } from './entries.js';
import { decodeEntry, encodeEntry, indexParameters } from './format.js';
import { queryPairs, reportOf } from './query.js';
import { bucketNames, type IndexStorage, type StorageChange, type StoredForm, writeAll } from './storage.js';

export type { IndexStorage, StorageChange, StorageChangeResult, StoredForm } from './storage.js';

/** The lasting index over shared storage: the same answers as createIndex's, every call async. */
export interface SharedIndex {
  readonly options: ResolvedOptions;
  size(): Promise<number>;
  /**
   * Adds documents, all or none: the batch is validated whole before anything is written, each document
   * is stored atomically (in all its buckets or none), and when the storage fails mid-batch the documents
   * already written are taken out again (best effort) before STORAGE_FAILED is thrown.
   */
  add(documents: readonly DocumentInput[]): Promise<void>;
  remove(id: string): Promise<boolean>;
  query(document: DocumentInput): Promise<Pair[]>;
  /** createIndex's addAndCheck, all or none as add(); `replace` as there. */
  addAndCheck(documents: readonly DocumentInput[], options?: { replace?: boolean }): Promise<Report>;
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
  const formOf = (entry: IndexEntry): StoredForm => ({
    record: encodeEntry(entry),
    buckets: bucketNames(entry, bands),
  });
  /** The stored form of a record read back from storage. */
  const storedForm = (record: Uint8Array): StoredForm => ({
    record,
    buckets: bucketNames(decodeEntry(record, bands), bands),
  });
  /** Stored entries of these ids with their order of addition, in that order. */
  const fetch = async (ids: readonly string[]): Promise<{ entry: IndexEntry; order: number }[]> => {
    const found = await storage.get(ids);
    return found
      .filter((f): f is { record: Uint8Array; order: number } => f !== undefined)
      .sort((x, y) => x.order - y.order)
      .map((f) => ({ entry: decodeEntry(f.record, bands), order: f.order }));
  };
  /**
   * The documents of an add() or addAndCheck(), validated and indexed, with the change that stores each;
   * nothing written yet. Their doc-N numbers are reserved here and given back by `giveBack` on failure.
   */
  const prepareBatch = async (documents: readonly DocumentInput[], replace: boolean) => {
    if (!Array.isArray(documents)) {
      throw new NearDupError(
        'INVALID_INPUT',
        `neardup: add() takes an array of documents, got ${describeValue(documents)}`,
      );
    }
    const count = documents.length;
    // As in createIndex: doc-N counts every document ever added, named or not.
    const first = count > 0 ? await storage.reserve(count) : 0;
    const giveBack = () => (count > 0 ? storage.release(first, count).catch(() => {}) : Promise.resolve());
    try {
      const docs = readBatch(documents, first);
      const stored = await storage.get(docs.map((d) => d.id));
      const changes = docs.map((doc, i): StorageChange => {
        const old = stored[i];
        if (old && !replace) alreadyIndexed(doc.id);
        return { id: doc.id, from: old && storedForm(old.record), fromOrder: old?.order };
      });
      const entries = docs.map((doc) => entryOf(doc, resolved, splitter, extractor));
      entries.forEach((entry, i) => {
        changes[i].to = formOf(entry);
      });
      return { entries, changes, giveBack };
    } catch (error) {
      await giveBack();
      throw error;
    }
  };
  /**
   * Pairs of `entry` against the stored documents (but those in `skip`) and the `earlier` entries of its
   * batch, which come after every stored one; with the stored documents it was compared with.
   */
  const pairsOf = async (entry: IndexEntry, earlier: readonly IndexEntry[], skip: ReadonlySet<string>) => {
    const buckets = bucketNames(entry, bands);
    const stored = await fetch((await storage.members(buckets)).filter((id) => !skip.has(id)));
    const near = [...stored.map((s) => s.entry), ...earlier];
    const lookups = new QueryBuckets(bands);
    lookups.refresh(near);
    return { stored, ...queryPairs(lookups, entry, resolved, extractor) };
  };

  return {
    options: resolved,
    size: async () => (await storage.ids()).length,
    async add(documents) {
      const batch = await prepareBatch(documents, false);
      await writeAll(storage, batch.changes, batch.giveBack);
    },
    async remove(id) {
      for (;;) {
        const [found] = await storage.get([id]);
        if (!found) return false;
        const [result] = await storage.write([{ id, from: storedForm(found.record) }]);
        if (result !== 'changed') return result === 'done';
      }
    },
    async query(document) {
      // As in createIndex, an unnamed query is named as the next add would name it, reserving nothing.
      const [doc] = readBatch([document], await storage.next());
      if ((await storage.get([doc.id]))[0]) alreadyIndexed(doc.id);
      return (await pairsOf(entryOf(doc, resolved, splitter, extractor), [], new Set([doc.id]))).pairs;
    },
    async addAndCheck(documents, { replace = false } = {}) {
      const started = now();
      const { entries: added, changes, giveBack } = await prepareBatch(documents, replace);
      const batchIds = new Set(added.map((e) => e.doc.id)); // stored versions of these are being replaced
      const pairs: Pair[] = [];
      const involved = new Map<string, { entry: IndexEntry; order: number }>();
      let candidates = 0;
      try {
        // Each document against the index and the batch's earlier ones (those sharing a bucket with it).
        const inBatch = new Map<string, number[]>();
        for (const [k, entry] of added.entries()) {
          const earlier = new Set<number>();
          for (const name of changes[k].to?.buckets ?? []) {
            const list = inBatch.get(name);
            if (list) for (const j of list) earlier.add(j);
            if (list) list.push(k);
            else inBatch.set(name, [k]);
          }
          const before = [...earlier].sort((x, y) => x - y).map((j) => added[j]);
          const found = await pairsOf(entry, before, batchIds);
          appendAll(pairs, found.pairs);
          candidates += found.candidates;
          for (const s of found.stored) involved.set(s.entry.doc.id, s);
        }
      } catch (error) {
        await giveBack();
        throw error;
      }
      await writeAll(storage, changes, giveBack);
      const inOrder = [...involved.values()].sort((x, y) => x.order - y.order).map((s) => s.entry);
      return reportOf([...inOrder, ...added], added, pairs, candidates, resolved, started);
    },
    report: async () =>
      findInCorpus(
        corpusOf(
          (await fetch(await storage.ids())).map((s) => s.entry),
          bands,
        ),
        resolved,
        extractor,
        now(),
      ),
    async document(id) {
      const [found] = await fetch([id]);
      return found && { id: found.entry.doc.id, text: found.entry.doc.text };
    },
    ids: () => storage.ids(),
    close: () => storage.close(),
  };
}
