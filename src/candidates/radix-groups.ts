/**
 * Grouping of (key, id) entries by equal key, for LSH bands and overlap fingerprints: flat typed arrays
 * sorted by a stable radix sort, so a million-paragraph corpus needs no Map of millions of entries.
 */
import { withRoom } from '../util/grow.js';

/**
 * (key, id) entries in parallel arrays that grow by doubling; the entries are [0, length). Wide entries
 * (fingerprints) have a 64-bit key: `keys` holds its lower 32 bits, `highs` its upper 32, and entries are
 * grouped on both.
 */
export class KeyedIds {
  keys: Uint32Array;
  ids: Uint32Array;
  /** The upper 32 bits of each key, in a wide table; undefined in a table of 32-bit keys. */
  highs: Uint32Array | undefined;
  length = 0;

  constructor(capacity = 1024, wide = false) {
    this.keys = new Uint32Array(capacity);
    this.ids = new Uint32Array(capacity);
    this.highs = wide ? new Uint32Array(capacity) : undefined;
  }

  /** Entries over arrays of the caller's own (no copy: sorting reorders them). */
  static over(keys: Uint32Array, ids: Uint32Array, highs?: Uint32Array): KeyedIds {
    const entries = new KeyedIds(0, highs !== undefined);
    entries.keys = keys;
    entries.ids = ids;
    entries.highs = highs;
    entries.length = keys.length;
    return entries;
  }

  /** Adds an entry; `high` is the key's upper 32 bits in a wide table (ignored otherwise). */
  push(key: number, id: number, high = 0): void {
    if (this.length === this.keys.length) {
      this.keys = withRoom(this.keys, this.length + 1, this.length);
      this.ids = withRoom(this.ids, this.length + 1, this.length);
      if (this.highs) this.highs = withRoom(this.highs, this.length + 1, this.length);
    }
    this.keys[this.length] = key;
    if (this.highs) this.highs[this.length] = high;
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
  // A wide table's upper words ride along: grouped on the lower word here, split on the upper one by
  // forEachGroup (runs of equal lower words are short: a chance match of 32 bits).
  let highs: Uint32Array | undefined = entries.highs;
  let keysOut: Uint32Array = new Uint32Array(n);
  let idsOut: Uint32Array = new Uint32Array(n);
  let highsOut: Uint32Array | undefined = highs ? new Uint32Array(n) : undefined;
  const counts = new Uint32Array(mask + 2);
  for (let shift = 0; shift < 32; shift += bits) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i] >>> shift) & mask) + 1]++;
    for (let d = 1; d <= mask + 1; d++) counts[d] += counts[d - 1];
    if (highs && highsOut) {
      for (let i = 0; i < n; i++) {
        const at = counts[(keys[i] >>> shift) & mask]++;
        keysOut[at] = keys[i];
        idsOut[at] = ids[i];
        highsOut[at] = highs[i];
      }
      [highs, highsOut] = [highsOut, highs];
    } else {
      for (let i = 0; i < n; i++) {
        const at = counts[(keys[i] >>> shift) & mask]++;
        keysOut[at] = keys[i];
        idsOut[at] = ids[i];
      }
    }
    [keys, keysOut] = [keysOut, keys];
    [ids, idsOut] = [idsOut, ids];
  }
  // An even number of passes, each swapping: the sorted entries are back in entries.keys and entries.ids.
}

function insertionSort({ keys, ids, highs, length }: KeyedIds): void {
  for (let i = 1; i < length; i++) {
    const key = keys[i];
    const id = ids[i];
    const high = highs?.[i] ?? 0;
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) {
      keys[j + 1] = keys[j];
      ids[j + 1] = ids[j];
      if (highs) highs[j + 1] = highs[j];
    }
    keys[j + 1] = key;
    ids[j + 1] = id;
    if (highs) highs[j + 1] = high;
  }
}

/**
 * Calls back with each run of two or more distinct ids that share a key, after sortByKey, ids ascending.
 * Repeats of one id under one key (a fingerprint occurring twice in a paragraph, an item inserted twice)
 * count once. In a wide table a run shares the whole 64-bit key: entries whose lower words alone agree
 * are split by their upper words.
 */
export function forEachGroup(
  entries: KeyedIds,
  group: (ids: Uint32Array, count: number, key: number) => void,
): void {
  const { keys, ids, highs, length } = entries;
  let scratch = new Uint32Array(16);
  const emit = (from: number, to: number) => {
    scratch = withRoom(scratch, to - from);
    let ascending = true;
    for (let i = from; i < to; i++) {
      scratch[i - from] = ids[i];
      if (i > from && ids[i] < ids[i - 1]) ascending = false;
    }
    // Detection and the lasting index push ids in order; only LshIndex's callers may not.
    if (!ascending) scratch.subarray(0, to - from).sort();
    let count = 1;
    for (let i = 1; i < to - from; i++) if (scratch[i] !== scratch[count - 1]) scratch[count++] = scratch[i];
    if (count > 1) group(scratch, count, keys[from]);
  };
  let start = 0;
  while (start < length) {
    let end = start + 1;
    while (end < length && keys[end] === keys[start]) end++;
    if (end - start > 1) {
      if (highs === undefined || sameHighs(highs, start, end)) emit(start, end);
      else splitByHigh(entries, start, end, emit);
    }
    start = end;
  }
}

function sameHighs(highs: Uint32Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (highs[i] !== highs[from]) return false;
  return true;
}

/** Reorders entries [from, to) by upper word, stably, and emits each run of equal upper words. */
function splitByHigh(
  entries: KeyedIds,
  from: number,
  to: number,
  emit: (from: number, to: number) => void,
): void {
  const highs = entries.highs as Uint32Array;
  const order = Array.from({ length: to - from }, (_, i) => from + i);
  order.sort((x, y) => highs[x] - highs[y] || x - y);
  const ids = order.map((i) => entries.ids[i]);
  const sorted = order.map((i) => highs[i]);
  for (let i = 0; i < order.length; i++) {
    entries.ids[from + i] = ids[i];
    highs[from + i] = sorted[i];
  }
  let start = from;
  for (let i = from + 1; i <= to; i++) {
    if (i === to || highs[i] !== highs[start]) {
      if (i - start > 1) emit(start, i);
      start = i;
    }
  }
}
