import { describeValue, NearDupError } from '../errors.js';
import { alreadyIndexed, readBatch } from '../pipeline/documents.js';
import { findInCorpus, now } from '../pipeline/find.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { ParagraphSplitter } from '../text/paragraphs.js';
import type { DocumentInput, Pair, Report, ResolvedOptions } from '../types.js';
import { checkFresh } from './check.js';
import { corpusOf, entryOf, type IndexEntry } from './entries.js';
import { type Steps, wait } from './steps.js';
import type { EntryChange, Store, Stored } from './store.js';

/** A batch read for adding: its entries, the change that stores each, and the doc-N numbers it holds. */
interface Batch<S extends Stored> {
  entries: IndexEntry[];
  changes: EntryChange<S>[];
  first: number;
  count: number;
}

/**
 * The lasting index, written once for every store (see Store): each method is steps that yield the
 * store's answers (steps.ts), run synchronously over memory and asynchronously over shared storage, so
 * both indexes number, validate, check and report alike.
 */
export class IndexCore<S extends Stored> {
  constructor(
    readonly store: Store<S>,
    readonly options: ResolvedOptions,
    private readonly splitter: ParagraphSplitter | undefined,
    private readonly extractor: FeatureExtractor,
  ) {}

  /** Indexes the documents, all or none. */
  *add(documents: readonly DocumentInput[]): Steps<void> {
    yield* this.commit(yield* this.read(documents, false));
  }

  /**
   * Adds the documents and reports every flagged pair with a side in one of them, checked as one batch
   * (the limits of maxPairs apply to the batch, as findDuplicates applies them to a call). With
   * `replace`, a stored document with the same id is left out of the check and replaced.
   */
  *addAndCheck(documents: readonly DocumentInput[], replace: boolean): Steps<Report> {
    const started = now();
    const batch = yield* this.read(documents, replace);
    let report: Report;
    try {
      const skip = new Set(batch.entries.map((e) => e.doc.id));
      const indexed = yield* wait(this.store.near(batch.entries, skip));
      report = checkFresh(indexed, batch.entries, this.options, this.extractor, started);
    } catch (error) {
      yield* this.giveBack(batch);
      throw error;
    }
    yield* this.commit(batch);
    return report;
  }

  /**
   * The Report addAndCheck would give for the documents, adding nothing: ids already indexed are refused
   * (or, with `replace`, checked as the new version), unnamed documents named as the next add would name
   * them, reserving nothing.
   */
  *check(documents: readonly DocumentInput[], replace: boolean): Steps<Report> {
    const started = now();
    if (!Array.isArray(documents)) notAnArray('check', documents);
    const docs = readBatch(documents, yield* wait(this.store.next()));
    const stored = yield* wait(this.store.get(docs.map((d) => d.id)));
    docs.forEach((doc, i) => {
      if (stored[i] && !replace) alreadyIndexed(doc.id);
    });
    const entries = docs.map((doc) => entryOf(doc, this.options, this.splitter, this.extractor));
    const indexed = yield* wait(this.store.near(entries, new Set(docs.map((d) => d.id))));
    return checkFresh(indexed, entries, this.options, this.extractor, started);
  }

  /** The pairs of one new document against the index and within itself, strongest first (check's). */
  *query(document: DocumentInput): Steps<Pair[]> {
    return (yield* this.check([document], false)).pairs;
  }

  /** The Report of everything indexed, as findDuplicates gives it for the documents in the order added. */
  *report(): Steps<Report> {
    const entries = yield* wait(this.store.all());
    return findInCorpus(corpusOf(entries, this.options.bands), this.options, this.extractor, now());
  }

  *document(id: string): Steps<{ id: string; text: string } | undefined> {
    const [stored] = yield* wait(this.store.get([id]));
    return stored && { id: stored.entry.doc.id, text: stored.entry.doc.text };
  }

  /**
   * Reads and indexes documents, all or none: validated, unnamed ones numbered doc-N (N counting every
   * document ever added, as findDuplicates numbers them by position when nothing was removed), ids
   * already indexed refused unless `replace`. Nothing is stored yet; on an error the numbers go back.
   */
  private *read(documents: readonly DocumentInput[], replace: boolean): Steps<Batch<S>> {
    if (!Array.isArray(documents)) notAnArray('add', documents);
    const count = documents.length;
    const first = count > 0 ? yield* wait(this.store.reserve(count)) : 0;
    const batch: Batch<S> = { entries: [], changes: [], first, count };
    try {
      const docs = readBatch(documents, first);
      const stored = yield* wait(this.store.get(docs.map((d) => d.id)));
      docs.forEach((doc, i) => {
        if (stored[i] && !replace) alreadyIndexed(doc.id);
      });
      for (const [i, doc] of docs.entries()) {
        const entry = entryOf(doc, this.options, this.splitter, this.extractor);
        batch.entries.push(entry);
        batch.changes.push({ id: doc.id, from: stored[i], to: entry });
      }
      return batch;
    } catch (error) {
      yield* this.giveBack(batch);
      throw error;
    }
  }

  /** Stores the batch, all or none; on an error its numbers go back. */
  private *commit(batch: Batch<S>): Steps<void> {
    try {
      yield* wait(this.store.write(batch.changes));
    } catch (error) {
      yield* this.giveBack(batch);
      throw error;
    }
  }

  private *giveBack({ first, count }: Batch<S>): Steps<void> {
    if (count > 0) yield* wait(this.store.release(first, count));
  }
}

function notAnArray(method: string, documents: unknown): never {
  throw new NearDupError(
    'INVALID_INPUT',
    `neardup: ${method}() takes an array of documents, got ${describeValue(documents)}`,
  );
}
