import { allTables, blockTables } from '../candidates/collect.js';
import { KeyLookup } from '../candidates/lookup.js';
import type { IndexEntry } from './entries.js';
import { encodeEntry } from './format.js';
import { decodeEntry } from './format-read.js';
import { bucketNames, type IndexStorage, type StorageChange, writeAll } from './storage.js';
import type { EntryChange, Indexed, Store, Stored } from './store.js';

/** A document read back from shared storage: its entry, its record as stored, and its order of addition. */
export interface StoredRecord extends Stored {
  readonly record: Uint8Array;
  readonly order: number;
}

/** Bucket names per members() call: a query's few hundred go at once, a big batch's in slices. */
const MEMBERS_PER_CALL = 20_000;

/**
 * A Store over shared storage (an IndexStorage such as redisStorage): documents as records (the saved
 * index's record format) filed under bucket names (storage.ts), so many processes can share them. The
 * documents a batch may pair with are the ones in its buckets, read back and looked up locally.
 */
export class StorageStore implements Store<StoredRecord> {
  /** Bucket names of the entries of the batch at hand (asked for by near(), then by write()). */
  private readonly buckets = new WeakMap<IndexEntry, string[]>();

  constructor(
    private readonly storage: IndexStorage,
    private readonly bands: number,
  ) {}

  reserve(count: number): Promise<number> {
    return this.storage.reserve(count);
  }

  async release(first: number, count: number): Promise<void> {
    await this.storage.release(first, count).catch(() => {}); // best effort: the numbers are only names
  }

  next(): Promise<number> {
    return this.storage.next();
  }

  async get(ids: readonly string[]): Promise<(StoredRecord | undefined)[]> {
    const found = await this.storage.get(ids);
    return found.map(
      (f) => f && { entry: decodeEntry(f.record, this.bands), record: f.record, order: f.order },
    );
  }

  async near(fresh: readonly IndexEntry[], skip: ReadonlySet<string>): Promise<Indexed> {
    const buckets = [...new Set(fresh.flatMap((entry) => this.bucketsOf(entry)))];
    const ids = new Set<string>();
    for (let at = 0; at < buckets.length; at += MEMBERS_PER_CALL) {
      for (const id of await this.storage.members(buckets.slice(at, at + MEMBERS_PER_CALL)))
        if (!skip.has(id)) ids.add(id);
    }
    const entries = await this.inOrder([...ids]);
    return { entries, lookup: new KeyLookup(allTables(blockTables(entries, 0, this.bands))) };
  }

  write(changes: readonly EntryChange<StoredRecord>[]): Promise<void> {
    return writeAll(
      this.storage,
      changes.map(
        ({ id, from, to }): StorageChange => ({
          id,
          from: from && { record: from.record, buckets: this.bucketsOf(from.entry) },
          fromOrder: from?.order,
          to: to && { record: encodeEntry(to), buckets: this.bucketsOf(to) },
        }),
      ),
    );
  }

  /** Removes the document as stored; read again and retried when another process changed it meanwhile. */
  async remove(id: string): Promise<boolean> {
    for (;;) {
      const [found] = await this.get([id]);
      if (!found) return false;
      const [result] = await this.storage.write([
        { id, from: { record: found.record, buckets: this.bucketsOf(found.entry) } },
      ]);
      if (result !== 'changed') return result === 'done';
    }
  }

  all(): Promise<IndexEntry[]> {
    return this.storage.ids().then((ids) => this.inOrder(ids));
  }

  ids(): Promise<string[]> {
    return this.storage.ids();
  }

  close(): Promise<void> {
    return this.storage.close();
  }

  private bucketsOf(entry: IndexEntry): string[] {
    let names = this.buckets.get(entry);
    if (names === undefined) {
      names = bucketNames(entry, this.bands);
      this.buckets.set(entry, names);
    }
    return names;
  }

  /** The stored entries of these ids (unknown ones left out), in their order of addition. */
  private async inOrder(ids: readonly string[]): Promise<IndexEntry[]> {
    const found = (await this.get(ids)).filter((f): f is StoredRecord => f !== undefined);
    return found.sort((x, y) => x.order - y.order).map((f) => f.entry);
  }
}
