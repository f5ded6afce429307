import { NearDupError } from '../errors.js';
import { loadExtractor } from '../pipeline/detector.js';
import { type Options, resolveOptions } from '../pipeline/options.js';
import type { DocumentInput, Pair, Report, ResolvedOptions } from '../types.js';
import { checkParameters } from './format-checks.js';
import { IndexCore } from './index-core.js';
import { type IndexParameters, indexParameters, resolveStoredOptions } from './parameters.js';
import { runAsync } from './steps.js';
import type { IndexStorage } from './storage.js';
import { StorageStore, type StoredRecord } from './storage-store.js';

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
  /** createIndex's check: the Report addAndCheck would give, adding nothing. */
  check(documents: readonly DocumentInput[], options?: { replace?: boolean }): Promise<Report>;
  /** createIndex's addAndCheck, all or none as add(); `replace` as there. */
  addAndCheck(documents: readonly DocumentInput[], options?: { replace?: boolean }): Promise<Report>;
  report(): Promise<Report>;
  document(id: string): Promise<{ id: string; text: string } | undefined>;
  ids(): Promise<string[]>;
  /** Closes the storage connection. */
  close(): Promise<void>;
}

/**
 * A lasting index kept in `storage`: created there with these options, or opened with the parameters
 * stored there (options may change what does not touch the stored hashes, as for loadIndex). The storage
 * is closed again when opening fails, so no connection outlives the error.
 */
export async function openSharedIndex(storage: IndexStorage, options?: Options): Promise<SharedIndex> {
  try {
    const wanted = resolveOptions(options).resolved;
    const where = storage.name ?? 'the shared index';
    const stored = storedParameters(await storage.init(JSON.stringify(indexParameters(wanted))), where);
    const { resolved, splitter } = resolveStoredOptions(where, stored, options);
    const store = new StorageStore(storage, resolved.bands);
    return new StoredIndex(store, new IndexCore(store, resolved, splitter, await loadExtractor(resolved)));
  } catch (error) {
    await storage.close().catch(() => {});
    throw error;
  }
}

/** The parameters stored with an index, checked as a saved index's are. */
function storedParameters(json: string, where: string): IndexParameters {
  let parameters: unknown;
  try {
    parameters = JSON.parse(json);
  } catch {
    throw new NearDupError('INDEX_FORMAT', `neardup: ${where} holds parameters that are not JSON`);
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))
    throw new NearDupError('INDEX_FORMAT', `neardup: ${where} holds parameters that are not a JSON object`);
  checkParameters(parameters as Record<string, unknown>, where);
  return parameters as IndexParameters;
}

/** The SharedIndex face of IndexCore over a StorageStore: each call awaits the storage. */
class StoredIndex implements SharedIndex {
  constructor(
    private readonly store: StorageStore,
    private readonly core: IndexCore<StoredRecord>,
  ) {}

  get options(): ResolvedOptions {
    return this.core.options;
  }

  async size(): Promise<number> {
    return (await this.store.ids()).length;
  }

  add(documents: readonly DocumentInput[]): Promise<void> {
    return runAsync(this.core.add(documents));
  }

  remove(id: string): Promise<boolean> {
    return this.store.remove(id);
  }

  query(document: DocumentInput): Promise<Pair[]> {
    return runAsync(this.core.query(document));
  }

  check(documents: readonly DocumentInput[], { replace = false } = {}): Promise<Report> {
    return runAsync(this.core.check(documents, replace));
  }

  addAndCheck(documents: readonly DocumentInput[], { replace = false } = {}): Promise<Report> {
    return runAsync(this.core.addAndCheck(documents, replace));
  }

  report(): Promise<Report> {
    return runAsync(this.core.report());
  }

  document(id: string): Promise<{ id: string; text: string } | undefined> {
    return runAsync(this.core.document(id));
  }

  ids(): Promise<string[]> {
    return this.store.ids();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
