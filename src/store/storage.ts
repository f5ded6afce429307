import { NearDupError } from '../errors.js';
import type { IndexEntry } from './entries.js';

/** A document as shared storage keeps it: its record (encodeEntry) and the buckets it is filed under. */
export interface StoredForm {
  record: Uint8Array;
  buckets: readonly string[];
}

/**
 * One atomic change of one document: from what is stored (`from`; undefined: nothing under that id) to
 * `to` (undefined: nothing, a removal). `to` is stored at `order` in the order of addition when given,
 * else after everything stored; `fromOrder` is where `from` was (to put it back there on an undo).
 */
export interface StorageChange {
  id: string;
  from?: StoredForm;
  to?: StoredForm;
  order?: number;
  fromOrder?: number;
}

/** 'done', or why not: the id is stored ('exists', when `from` was undefined), nothing is, or something else is. */
export type StorageChangeResult = 'done' | 'exists' | 'absent' | 'changed';

/**
 * Where a shared index keeps its documents and buckets, for many processes at once (redisStorage in
 * neardup/node implements it). Every method is one atomic step of the store, except that write() applies
 * each change atomically but the batch as a whole is not a transaction.
 */
export interface IndexStorage {
  /** How messages name the index kept here, e.g. 'the Redis index under prefix "neardup"'. */
  readonly name?: string;
  /** The parameters the stored index was made with; stores these first when the index is new. */
  init(parameters: string): Promise<string>;
  /** Applies each change, in one round trip, if its document is stored as `from` says. */
  write(changes: readonly StorageChange[]): Promise<StorageChangeResult[]>;
  /** The records of these ids with their order of addition (undefined for unknown ids). */
  get(ids: readonly string[]): Promise<({ record: Uint8Array; order: number } | undefined)[]>;
  /** The ids in any of these buckets. */
  members(buckets: readonly string[]): Promise<string[]>;
  /** Every id, in the order added. */
  ids(): Promise<string[]>;
  /** Reserves `count` document numbers (for ids doc-N); returns the first. */
  reserve(count: number): Promise<number>;
  /** Gives back the numbers reserve(count) returned `first` for, if none were reserved after them. */
  release(first: number, count: number): Promise<void>;
  /** The number the next reserve() would return first, reserving nothing (what a query names doc-N). */
  next(): Promise<number>;
  /** Waits, up to the storage's own timeout, for a lost connection to come back; false when it does not. */
  reconnected(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The bucket names of an entry: one per LSH band key of each paragraph with shingles, one per fingerprint,
 * each `group/field` (a storage may keep the buckets of a group together). As hex digits, band b's key (8)
 * is `b<b>:<3 digits>/<5 digits>` and a fingerprint's 64-bit key (16: the lower word, then the upper) is
 * `f:<5 digits>/<11 digits>`: about 20 and 5 entries a group at 100 k paragraphs, 240 and 50 at 1 M (a
 * paragraph has one key per band, ~50 fingerprints).
 */
export function bucketNames(entry: IndexEntry, bands: number): string[] {
  const names = new Set<string>();
  for (let i = 0; i < entry.paragraphs.length; i++) {
    if (entry.setOffsets[i + 1] === entry.setOffsets[i]) continue;
    for (let b = 0; b < bands; b++) {
      const hex = hex8(entry.bandKeys[i * bands + b]);
      names.add(`b${b}:${hex.slice(0, 3)}/${hex.slice(3)}`);
    }
  }
  const { fingerprints, fingerprintsHigh } = entry;
  for (let f = 0; f < fingerprints.length; f++) {
    const hex = hex8(fingerprints[f]);
    names.add(`f:${hex.slice(0, 5)}/${hex.slice(5)}${hex8(fingerprintsHigh[f])}`);
  }
  return [...names];
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/**
 * Writes a batch of changes all or nothing, as far as the storage allows: when a change is refused (another
 * process wrote that id meanwhile) the changes done are undone and DUPLICATE_ID thrown; when the storage
 * fails mid-batch every change is undone (each only if its document is still as this batch left it,
 * after waiting for a lost connection to return) and STORAGE_FAILED rethrown.
 */
export async function writeAll(storage: IndexStorage, changes: readonly StorageChange[]): Promise<void> {
  let results: StorageChangeResult[];
  try {
    results = await storage.write(changes);
  } catch (error) {
    await undo(storage, changes); // which ran is unknown: undo all (undoing one that did not run does nothing)
    throw error;
  }
  const refused = results.findIndex((r) => r !== 'done');
  if (refused < 0) return;
  await undo(
    storage,
    changes.filter((_, i) => results[i] === 'done'),
  );
  const id = JSON.stringify(changes[refused].id);
  throw new NearDupError(
    'DUPLICATE_ID',
    results[refused] === 'exists'
      ? `neardup: a document with id ${id} was indexed by another process meanwhile; nothing of this batch was kept`
      : `neardup: the document ${id} was changed or removed by another process meanwhile; nothing of this batch was kept`,
  );
}

/** Best effort: reverts changes (each only if its document is still what the change made it). */
async function undo(storage: IndexStorage, changes: readonly StorageChange[]): Promise<void> {
  if (changes.length === 0) return;
  const back = changes.map((c): StorageChange => ({ id: c.id, from: c.to, to: c.from, order: c.fromOrder }));
  try {
    await storage.write(back);
  } catch {
    if (await storage.reconnected().catch(() => false)) await storage.write(back).catch(() => {});
  }
}
