import { describeValue, NearDupError } from '../errors.js';
import { loadExtractor, prepare } from '../pipeline/detector.js';
import type { Options } from '../pipeline/options.js';
import type { DocumentInput, Pair, Report, ResolvedOptions } from '../types.js';
import { DEFAULT_CHUNK_SIZE, encodeIndex, encodeIndexChunks, type SavedIndex } from './format.js';
import { decodeIndex, decodeIndexFrom } from './format-read.js';
import { IndexCore } from './index-core.js';
import { MemoryStore } from './memory-store.js';
import { indexParameters, resolveStoredOptions } from './parameters.js';
import { type IndexStorage, openSharedIndex, type SharedIndex } from './shared-index.js';
import { runSync } from './steps.js';
import type { Stored } from './store.js';

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
   * The pairs of one new document, against everything indexed and within itself, without adding it:
   * check([document]).pairs, strongest first.
   */
  query(document: DocumentInput): Pair[];
  /**
   * The Report addAndCheck would give for the documents, without adding them: the pairs with a side in
   * one of them, and the clusters (the cluster each new paragraph joins), repeated passages and document
   * groups they are in, found over the new documents and the indexed paragraphs they may pair with
   * (docs/groups.md). Ids already indexed are refused unless `replace` (then checked as the new version).
   */
  check(documents: readonly DocumentInput[], options?: { replace?: boolean }): Report;
  /** The Report of everything indexed, as findDuplicates gives for the documents in the order added. */
  report(): Report;
  /**
   * Adds the documents and returns the Report of what they duplicate: every flagged pair with a side in
   * one of them (against the index and among themselves), with the documents involved. The batch is
   * checked as findDuplicates checks one call (maxPairs bounds its candidates and flagged pairs), so
   * repeated runs over a growing collection pay only for the new documents. On an error nothing is
   * added. With `replace`, a document whose id is indexed takes the old version's place (checked against
   * the index without it, then added last); on an error the old version stays.
   */
  addAndCheck(documents: readonly DocumentInput[], options?: { replace?: boolean }): Report;
  /** An indexed document's id and text. */
  document(id: string): { id: string; text: string } | undefined;
  /** The documents' ids, in the order added. */
  ids(): string[];
  /**
   * The whole index as bytes (format: docs/index-format.md); loadIndex restores it exactly. Throws
   * INDEX_TOO_LARGE past what one Uint8Array holds (4 GiB in Node 20); saveChunks has no such limit.
   */
  save(): Uint8Array;
  /**
   * The bytes of save() in chunks of `chunkSize` bytes (default 1 MiB), made one at a time as they are
   * asked for: for indexes of any size (write each to a stream; loadIndexFrom reads them back).
   */
  saveChunks(options?: { chunkSize?: number }): Generator<Uint8Array>;
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
  const { resolved, splitter, extractor } = await prepare(options);
  const store = new MemoryStore(resolved.bands);
  return new MemoryIndex(store, new IndexCore(store, resolved, splitter, extractor));
}

/**
 * An index restored from save()'s bytes. The options saved with it are used; options given here may
 * change what does not touch the stored hashes (threshold, maxPairs, maxEditChars, minBlockPairs…; bands
 * and rows stay as saved) and must repeat a custom paragraph splitter. Anything that would hash
 * differently throws INDEX_MISMATCH; bytes that are not a whole index throw INDEX_FORMAT.
 */
export async function loadIndex(bytes: Uint8Array, options?: Options): Promise<NearDupIndex> {
  return openSavedIndex(decodeIndex(bytes), options, 'the index');
}

/**
 * loadIndex over the bytes in chunks of any sizes, as they arrive (an async or sync iterable of
 * Uint8Array, such as a Node read stream: `loadIndexFrom(createReadStream(file))`): for indexes of any
 * size, the whole file never held as one array. Checked as loadIndex checks the bytes.
 */
export async function loadIndexFrom(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options?: Options,
): Promise<NearDupIndex> {
  return openSavedIndex(await decodeIndexFrom(chunks), options, 'the index');
}

/** A decoded saved index opened with `options`, `where` naming it in messages (the CLI names its file). */
export async function openSavedIndex(
  saved: SavedIndex,
  options: Options | undefined,
  where: string,
): Promise<NearDupIndex> {
  const { resolved, splitter } = resolveStoredOptions(where, saved.parameters, options, saved.options);
  const store = new MemoryStore(resolved.bands, [...saved.entries], saved.serial);
  return new MemoryIndex(store, new IndexCore(store, resolved, splitter, await loadExtractor(resolved)));
}

/** The NearDupIndex face of IndexCore over a MemoryStore: every call synchronous. */
class MemoryIndex implements NearDupIndex {
  constructor(
    private readonly store: MemoryStore,
    private readonly core: IndexCore<Stored>,
  ) {}

  get options(): ResolvedOptions {
    return this.core.options;
  }

  get size(): number {
    return this.store.size();
  }

  add(documents: readonly DocumentInput[]): void {
    runSync(this.core.add(documents));
  }

  remove(id: string): boolean {
    return this.store.remove(id);
  }

  query(document: DocumentInput): Pair[] {
    return runSync(this.core.query(document));
  }

  check(documents: readonly DocumentInput[], { replace = false } = {}): Report {
    return runSync(this.core.check(documents, replace));
  }

  report(): Report {
    return runSync(this.core.report());
  }

  addAndCheck(documents: readonly DocumentInput[], { replace = false } = {}): Report {
    return runSync(this.core.addAndCheck(documents, replace));
  }

  document(id: string): { id: string; text: string } | undefined {
    return runSync(this.core.document(id));
  }

  ids(): string[] {
    return this.store.ids();
  }

  save(): Uint8Array {
    return encodeIndex(this.saved());
  }

  saveChunks({ chunkSize = DEFAULT_CHUNK_SIZE }: { chunkSize?: number } = {}): Generator<Uint8Array> {
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: saveChunks chunkSize must be a positive integer (bytes), got ${describeValue(chunkSize)}`,
      );
    }
    return encodeIndexChunks(this.saved(), chunkSize);
  }

  /** What save() writes: a copy of the document list, so adding while chunks are written changes nothing. */
  private saved(): SavedIndex {
    const { options } = this.core;
    const { entries, serial } = this.store.contents();
    return {
      options: {
        ...options,
        stopwords: Array.isArray(options.stopwords) ? [...options.stopwords] : options.stopwords,
      },
      parameters: indexParameters(options),
      serial,
      entries: [...entries],
    };
  }
}
