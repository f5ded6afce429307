import type { Lookup } from '../candidates/lookup.js';
import type { IndexEntry } from './entries.js';
import type { Maybe } from './steps.js';

/** A document as a store holds it: its entry (a store may keep more beside it, such as its stored bytes). */
export interface Stored {
  readonly entry: IndexEntry;
}

/**
 * Indexed documents that new ones may pair with (every one sharing a band key or a fingerprint with them,
 * perhaps more), in the order they were added, and a lookup of their keys whose ids number their
 * paragraphs one after another in that order.
 */
export interface Indexed {
  readonly entries: readonly IndexEntry[];
  readonly lookup: Lookup;
}

/** One change of one document: from what is stored (none: a new one) to a new entry (none: removed). */
export interface EntryChange<S extends Stored> {
  id: string;
  from?: S;
  to?: IndexEntry;
}

/**
 * Where a lasting index keeps its documents, datasketch-style: the index logic (IndexCore) is written
 * once over this. MemoryStore answers at once, so the in-memory index stays synchronous; StorageStore
 * keeps them in an IndexStorage (redisStorage) and answers with promises.
 */
export interface Store<S extends Stored> {
  /** Reserves `count` numbers for unnamed documents (doc-N); returns the first. */
  reserve(count: number): Maybe<number>;
  /** Gives back what reserve(count) returned `first` for, if nothing was reserved after it. */
  release(first: number, count: number): Maybe<void>;
  /** The number the next reserve() would return first, reserving nothing (what names a query). */
  next(): Maybe<number>;
  /** The stored documents with these ids (undefined where none is). */
  get(ids: readonly string[]): Maybe<(S | undefined)[]>;
  /** The indexed documents `fresh` may pair with, leaving out those whose id is in `skip`. */
  near(fresh: readonly IndexEntry[], skip: ReadonlySet<string>): Maybe<Indexed>;
  /** Applies the changes, all or none; new documents go after every stored one, in order. */
  write(changes: readonly EntryChange<S>[]): Maybe<void>;
  /** Forgets a document; false when none has that id. */
  remove(id: string): Maybe<boolean>;
  /** Every document, in the order added. */
  all(): Maybe<IndexEntry[]>;
  /** Every id, in the order added. */
  ids(): Maybe<string[]>;
}
