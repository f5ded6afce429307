/**
 * Grouping of (key, id) entries by equal key, for LSH bands and overlap fingerprints: flat typed arrays
 * sorted by a stable radix sort, so a million-paragraph corpus needs no Map of millions of entries.
 */
import { withRoom } from '../util/grow.js';

/** (key, id) entries in two parallel arrays that grow by doubling; the entries are [0, length). */
export class KeyedIds {
  keys: Uint32Array;
  ids: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.keys = new Uint32Array(capacity);
    this.ids = new Uint32Array(capacity);
  }

  /** Entries over arrays of the caller's own (no copy: sorting reorders them). */
  static over(keys: Uint32Array, ids: Uint32Array): KeyedIds {
    const entries = new KeyedIds(0);
    entries.keys = keys;
    entries.ids = ids;
    entries.length = keys.length;
    return entries;
  }

  push(key: number, id: number): void {
    if (this.length === this.keys.length) {
      this.keys = withRoom(this.keys, this.length + 1, this.length);
      this.ids = withRoom(this.ids, this.length + 1, this.length);
    }
    this.keys[this.length] = key;
    this.ids[this.length++] = id;
  }

  clear(): void {
    this.length = 0;
  }
}

/** Below this many entries an insertion sort beats any radix pass (whose counts alone cost 256 steps). */
const INSERTION_SORT_BELOW = 48;

/**
 * Sorts entries [0, length) by key, stably (entries with equal keys keep their order, so ids pushed in
 * ascending order stay ascending): LSD radix sort, in two passes of 16 bits for large inputs and four
 * of 8 bits for small ones (a 65,536-slot count array costs more than sorting a query's few keys).
 */
export function sortByKey(entries: KeyedIds): void {
  const n = entries.length;
  if (n < 2) return;
  if (n < INSERTION_SORT_BELOW) {
    insertionSort(entries);
    return;
  }
  const bits = n < 1 << 16 ? 8 : 16;
  const mask = (1 << bits) - 1;
  let keys: Uint32Array = entries.keys;
  let ids: Uint32Array = entries.ids;
  let keysOut: Uint32Array = new Uint32Array(n);
  let idsOut: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(mask + 2);
  for (let shift = 0; shift < 32; shift += bits) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i] >>> shift) & mask) + 1]++;
    for (let d = 1; d <= mask + 1; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i] >>> shift) & mask]++;
      keysOut[at] = keys[i];
      idsOut[at] = ids[i];
    }
    [keys, keysOut] = [keysOut, keys];
    [ids, idsOut] = [idsOut, ids];
  }
  // An even number of passes, each swapping: the sorted entries are back in entries.keys and entries.ids.
}

function insertionSort({ keys, ids, length }: KeyedIds): void {
  for (let i = 1; i < length; i++) {
    const key = keys[i];
    const id = ids[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) {
      keys[j + 1] = keys[j];
      ids[j + 1] = ids[j];
    }
    keys[j + 1] = key;
    ids[j + 1] = id;
  }
}

/**
 * Calls back with each run of two or more distinct ids that share a key, after sortByKey, ids ascending.
 * Repeats of one id under one key (a fingerprint occurring twice in a paragraph, an item inserted twice)
 * count once.
 */
export function forEachGroup(
  entries: KeyedIds,
  group: (ids: Uint32Array, count: number, key: number) => void,
): void {
  const { keys, ids, length } = entries;
  let scratch = new Uint32Array(16);
  let start = 0;
  while (start < length) {
    let end = start + 1;
    while (end < length && keys[end] === keys[start]) end++;
    if (end - start > 1) {
      scratch = withRoom(scratch, end - start);
      let ascending = true;
      for (let i = start; i < end; i++) {
        scratch[i - start] = ids[i];
        if (i > start && ids[i] < ids[i - 1]) ascending = false;
      }
      // Detection and the lasting index push ids in order; only LshIndex's callers may not.
      if (!ascending) scratch.subarray(0, end - start).sort();
      let count = 1;
      for (let i = 1; i < end - start; i++)
        if (scratch[i] !== scratch[count - 1]) scratch[count++] = scratch[i];
      if (count > 1) group(scratch, count, keys[start]);
    }
    start = end;
  }
}
