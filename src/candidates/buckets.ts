import type { IndexEntry } from '../store/entries.js';
import { KeyedIds, sortByKey } from './radix-groups.js';

/** Paragraphs (global numbers, ascending) filed under a key. */
export interface Lookup {
  get(key: number): Iterable<number> | undefined;
}

/**
 * Key → ids in a Map split into 256 by the key's low byte (one JavaScript Map holds at most 2²⁴ entries).
 * For small or changing sets: a query's own paragraphs, and documents added since the last rebuild.
 */
export class Buckets implements Lookup {
  private readonly shards = Array.from({ length: 256 }, () => new Map<number, number[]>());

  get(key: number): number[] | undefined {
    return this.shards[key & 255].get(key);
  }

  /** Adds `id` under `key` (not twice in a row: ids arrive in order). */
  add(key: number, id: number): void {
    const shard = this.shards[key & 255];
    const list = shard.get(key);
    if (list === undefined) shard.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  }
}

/** Key → ids as two sorted typed arrays (8 bytes an entry), looked up by binary search. */
class SortedBuckets implements Lookup {
  private readonly keys: Uint32Array;
  private readonly ids: Uint32Array;

  constructor(entries: KeyedIds) {
    sortByKey(entries);
    this.keys = entries.keys.slice(0, entries.length);
    this.ids = entries.ids.slice(0, entries.length);
  }

  get(key: number): Uint32Array | undefined {
    const { keys } = this;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < keys.length && keys[end] === key) end++;
    return end > lo ? this.ids.subarray(lo, end) : undefined;
  }
}

/** Two lookups read as one: the flat base, then what was added after it. */
class Layered implements Lookup {
  constructor(
    private readonly base: SortedBuckets,
    private readonly delta: Buckets,
  ) {}

  get(key: number): Iterable<number> | undefined {
    const a = this.base.get(key);
    const b = this.delta.get(key);
    if (!b) return a;
    return a ? [...a, ...b] : b;
  }
}

/**
 * What a lasting index looks candidates up in: per LSH band, band key → paragraphs, and fingerprint →
 * paragraphs. Rebuilt flat from every entry (radix-sorted, about 8 bytes per band key and fingerprint);
 * entries added afterwards go to small Maps until they hold a quarter as many paragraphs as the flat
 * part, when the next query rebuilds, so adding stays cheap and lookups stay compact. A removed entry
 * keeps its numbers and is only marked dead (its paragraphs are skipped), so a removal costs no rebuild
 * until the dead paragraphs reach a quarter of all.
 */
export class QueryBuckets {
  private bandLookups: Lookup[] = [];
  private fingerprintLookup: Lookup = new Buckets();
  private deltaBands: Buckets[] = [];
  private deltaFingerprints = new Buckets();
  private baseParagraphs = 0;
  private deltaParagraphs = 0;
  private stale = true;
  /** The entries the numbers refer to, dead ones included, and where each one's paragraphs start. */
  private numbered: IndexEntry[] = [];
  private readonly firstOf = new Map<IndexEntry, number>();
  /** 1 for each paragraph of a dead entry. */
  private dead = new Uint8Array(0);
  private deadParagraphs = 0;

  constructor(private readonly bands: number) {}

  /** Paragraphs covered: global numbers run from 0 to this. */
  get paragraphs(): number {
    return this.baseParagraphs + this.deltaParagraphs;
  }

  band(b: number): Lookup {
    return this.bandLookups[b];
  }

  get fingerprints(): Lookup {
    return this.fingerprintLookup;
  }

  /** The entries in numbering order (dead ones included): paragraph numbers run through them. */
  get entries(): readonly IndexEntry[] {
    return this.numbered;
  }

  /** Whether paragraph p belongs to a removed entry. */
  isDead(p: number): boolean {
    return this.dead[p] === 1;
  }

  /** Marks the lookups out of date: the next refresh rebuilds them from the entries given then. */
  invalidate(): void {
    this.stale = true;
  }

  /** A removed entry: marked dead, or the lookups rebuilt on the next query once a quarter is dead. */
  retire(entry: IndexEntry): void {
    const first = this.firstOf.get(entry);
    if (this.stale || first === undefined) return;
    this.firstOf.delete(entry);
    this.dead.fill(1, first, first + entry.paragraphs.length);
    this.deadParagraphs += entry.paragraphs.length;
    if (this.deadParagraphs * 4 > Math.max(this.paragraphs, 4096)) {
      // Rebuilt on the next query: until then nothing reads the numbering, so let the removed go now.
      this.stale = true;
      this.numbered = [];
      this.firstOf.clear();
    }
  }

  /** Rebuilds from every entry if out of date or if too much was added since the last rebuild. */
  refresh(entries: readonly IndexEntry[]): void {
    if (!this.stale && this.deltaParagraphs * 4 <= Math.max(this.baseParagraphs, 4096)) return;
    const bandEntries = Array.from({ length: this.bands }, () => new KeyedIds());
    const fingerprintEntries = new KeyedIds();
    let first = 0;
    for (const entry of entries) {
      file(
        entry,
        first,
        this.bands,
        (b, key, id) => bandEntries[b].push(key, id),
        (key, id) => fingerprintEntries.push(key, id),
      );
      first += entry.paragraphs.length;
    }
    this.deltaBands = Array.from({ length: this.bands }, () => new Buckets());
    this.deltaFingerprints = new Buckets();
    this.bandLookups = bandEntries.map((e, b) => new Layered(new SortedBuckets(e), this.deltaBands[b]));
    this.fingerprintLookup = new Layered(new SortedBuckets(fingerprintEntries), this.deltaFingerprints);
    this.baseParagraphs = first;
    this.deltaParagraphs = 0;
    this.numbered = [...entries];
    this.firstOf.clear();
    for (let e = 0, at = 0; e < entries.length; at += entries[e].paragraphs.length, e++)
      this.firstOf.set(entries[e], at);
    this.dead = new Uint8Array(first + 1024);
    this.deadParagraphs = 0;
    this.stale = false;
  }

  /** Files an entry added after the last rebuild, its paragraphs numbered from `paragraphs`. */
  add(entry: IndexEntry): void {
    if (this.stale) return; // the next refresh files it
    file(
      entry,
      this.paragraphs,
      this.bands,
      (b, key, id) => this.deltaBands[b].add(key, id),
      (key, id) => this.deltaFingerprints.add(key, id),
    );
    this.numbered.push(entry);
    this.firstOf.set(entry, this.paragraphs);
    this.deltaParagraphs += entry.paragraphs.length;
    if (this.dead.length < this.paragraphs) {
      const grown = new Uint8Array(this.paragraphs * 2);
      grown.set(this.dead);
      this.dead = grown;
    }
  }
}

/** Calls back with every band key and fingerprint of an entry whose paragraphs start at `first`. */
function file(
  entry: IndexEntry,
  first: number,
  bands: number,
  band: (b: number, key: number, id: number) => void,
  fingerprint: (key: number, id: number) => void,
): void {
  for (let i = 0; i < entry.paragraphs.length; i++) {
    if (entry.setOffsets[i + 1] === entry.setOffsets[i]) continue; // no shingles: never a candidate
    for (let b = 0; b < bands; b++) band(b, entry.bandKeys[i * bands + b], first + i);
  }
  for (let f = 0; f < entry.fingerprints.length; f++)
    fingerprint(entry.fingerprints[f], first + entry.fingerprintParagraphs[f]);
}
