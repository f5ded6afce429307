import { firstAtOrAbove } from '../util/bisect.js';
import type { CandidatePairs } from './candidate-pairs.js';
import { KeyedIds, sortByKey } from './radix-groups.js';

/** Indexed ids by key, in tables (one per LSH band, then one for fingerprints), as candidate search reads them. */
export interface Lookup {
  /**
   * Adds (indexed, id) to `into` for every indexed id filed under `key` in table `t`; in a wide table
   * (fingerprints) the key is 64 bits, `high` its upper 32 (0 in other tables).
   */
  pairWith(t: number, key: number, high: number, id: number, into: CandidatePairs): void;
  /** Calls back with every indexed id filed under `key` (and `high`, as for pairWith) in table `t` (repeats possible). */
  visit(t: number, key: number, high: number, found: (id: number) => void): void;
}

/**
 * The one lookup of candidates by key, in `tables` tables: for a lasting index, band key → paragraphs
 * per LSH band and fingerprint → paragraphs; for LshIndex, band key → items. The base is flat sorted
 * typed arrays per table (8 bytes an entry, 12 in a wide table, ids in the order filed within a key),
 * read by binary search on the lower 32 bits of the key; entries added afterwards go to a delta of Maps,
 * split into 256 by the key's low byte (one JavaScript Map holds at most 2²⁴ entries), until fold()
 * merges them into the base. Owners fold (or rebuild) once the delta holds a quarter as many entries as
 * the base, so adding stays cheap and lookups stay compact.
 */
export class KeyLookup implements Lookup {
  private readonly keys: Uint32Array[] = [];
  private readonly ids: Uint32Array[] = [];
  /** Per table, the upper 32 bits of each key when the table is wide. */
  private readonly highs: (Uint32Array | undefined)[] = [];
  /** Per table, key → ids filed since the base was built (a wide table's lists hold id, high, id, high…). */
  private readonly delta: (Map<number, number[]>[] | undefined)[];
  private baseCount = 0;
  private deltaCount = 0;

  /** A lookup whose base is these tables' entries (sorted here, in place). */
  constructor(tables: readonly KeyedIds[]) {
    this.delta = tables.map(() => undefined);
    this.setBase(tables);
  }

  /** Entries in the base, and added since it was built. */
  get sizes(): { base: number; delta: number } {
    return { base: this.baseCount, delta: this.deltaCount };
  }

  /** Files `id` under `key` (and `high`, in a wide table) in table t (not twice in a row: an id's repeats arrive together). */
  add(t: number, key: number, id: number, high = 0): void {
    let shards = this.delta[t];
    if (shards === undefined) {
      shards = Array.from({ length: 256 }, () => new Map<number, number[]>());
      this.delta[t] = shards;
    }
    const shard = shards[key & 255];
    const list = shard.get(key);
    const wide = this.highs[t] !== undefined;
    if (list === undefined) shard.set(key, wide ? [id, high] : [id]);
    else if (!wide && list[list.length - 1] !== id) list.push(id);
    else if (wide && (list[list.length - 2] !== id || list[list.length - 1] !== high)) list.push(id, high);
    else return;
    this.deltaCount++;
  }

  /** Adds (indexed, id) to `into` for each id under the key in table t whose `hidden` flag (if given) is 0. */
  pairWith(
    t: number,
    key: number,
    high: number,
    id: number,
    into: CandidatePairs,
    hidden?: Uint8Array,
  ): void {
    const keys = this.keys[t];
    const ids = this.ids[t];
    const highs = this.highs[t];
    for (let i = firstAtOrAbove(keys, key); i < keys.length && keys[i] === key; i++) {
      if ((highs === undefined || highs[i] === high) && (hidden === undefined || hidden[ids[i]] === 0))
        into.add(ids[i], id);
    }
    const list = this.delta[t]?.[key & 255].get(key);
    if (list === undefined) return;
    const step = highs === undefined ? 1 : 2;
    for (let i = 0; i < list.length; i += step) {
      const p = list[i];
      if ((step === 1 || list[i + 1] === high) && (hidden === undefined || hidden[p] === 0)) into.add(p, id);
    }
  }

  /** Calls back with each id under the key in table t whose `hidden` flag (if given) is 0. */
  visit(t: number, key: number, high: number, found: (id: number) => void, hidden?: Uint8Array): void {
    const keys = this.keys[t];
    const ids = this.ids[t];
    const highs = this.highs[t];
    for (let i = firstAtOrAbove(keys, key); i < keys.length && keys[i] === key; i++)
      if ((highs === undefined || highs[i] === high) && (hidden === undefined || hidden[ids[i]] === 0))
        found(ids[i]);
    const list = this.delta[t]?.[key & 255].get(key);
    if (list === undefined) return;
    const step = highs === undefined ? 1 : 2;
    for (let i = 0; i < list.length; i += step) {
      const p = list[i];
      if ((step === 1 || list[i + 1] === high) && (hidden === undefined || hidden[p] === 0)) found(p);
    }
  }

  /** The ids under `key` in table t of 32-bit keys, in the order filed (repeats included). */
  idsOf(t: number, key: number): number[] {
    const keys = this.keys[t];
    const found: number[] = [];
    for (let i = firstAtOrAbove(keys, key); i < keys.length && keys[i] === key; i++)
      found.push(this.ids[t][i]);
    for (const id of this.delta[t]?.[key & 255].get(key) ?? []) found.push(id);
    return found;
  }

  /** Table t's entries, base then delta, sorted by key (ids in the order filed). */
  entries(t: number): KeyedIds {
    const highs = this.highs[t];
    const all = new KeyedIds(Math.max(16, this.keys[t].length), highs !== undefined);
    for (let i = 0; i < this.keys[t].length; i++) all.push(this.keys[t][i], this.ids[t][i], highs?.[i]);
    const step = highs === undefined ? 1 : 2;
    for (const shard of this.delta[t] ?? [])
      for (const [key, list] of shard)
        for (let i = 0; i < list.length; i += step) all.push(key, list[i], list[i + 1]);
    sortByKey(all); // stable: within a key, the base's ids stay before the delta's
    return all;
  }

  /** Merges the delta into the base. */
  fold(): void {
    if (this.deltaCount === 0) return;
    const tables = this.keys.map((_, t) => this.entries(t));
    this.delta.fill(undefined);
    this.setBase(tables);
  }

  private setBase(tables: readonly KeyedIds[]): void {
    this.baseCount = 0;
    this.deltaCount = 0;
    tables.forEach((table, t) => {
      sortByKey(table);
      this.keys[t] = table.keys.slice(0, table.length);
      this.ids[t] = table.ids.slice(0, table.length);
      this.highs[t] = table.highs?.slice(0, table.length);
      this.baseCount += table.length;
    });
  }
}
