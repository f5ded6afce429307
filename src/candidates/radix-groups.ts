/**
 * Grouping of (key, id) entries by equal key, for LSH bands and overlap fingerprints: flat typed arrays
 * sorted by a stable radix sort, so a million-paragraph corpus needs no Map of millions of entries.
 */

/** (key, id) entries in two parallel arrays that grow by doubling. */
export class KeyedIds {
  keys: Uint32Array;
  ids: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.keys = new Uint32Array(capacity);
    this.ids = new Uint32Array(capacity);
  }

  push(key: number, id: number): void {
    if (this.length === this.keys.length) {
      const keys = new Uint32Array(this.length * 2);
      const ids = new Uint32Array(this.length * 2);
      keys.set(this.keys);
      ids.set(this.ids);
      this.keys = keys;
      this.ids = ids;
    }
    this.keys[this.length] = key;
    this.ids[this.length++] = id;
  }

  clear(): void {
    this.length = 0;
  }
}

/**
 * Sorts entries [0, length) by key, stably (entries with equal keys keep their order, so ids pushed in
 * ascending order stay ascending): LSD radix sort in two passes of 16 bits.
 */
export function sortByKey(entries: KeyedIds): void {
  const n = entries.length;
  if (n < 2) return;
  let keys: Uint32Array = entries.keys;
  let ids: Uint32Array = entries.ids;
  let keysOut: Uint32Array = new Uint32Array(n);
  let idsOut: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i] >>> shift) & 0xffff]++;
      keysOut[at] = keys[i];
      idsOut[at] = ids[i];
    }
    [keys, keysOut] = [keysOut, keys];
    [ids, idsOut] = [idsOut, ids];
  }
  // Two passes, two swaps: the sorted entries are back in entries.keys and entries.ids.
}

/**
 * Calls back with each run of two or more distinct ids that share a key, after sortByKey. Repeats of one
 * id under one key (a fingerprint occurring twice in a paragraph) count once.
 */
export function forEachGroup(entries: KeyedIds, group: (ids: Uint32Array, count: number) => void): void {
  const { keys, ids, length } = entries;
  let scratch = new Uint32Array(16);
  let start = 0;
  while (start < length) {
    let end = start + 1;
    while (end < length && keys[end] === keys[start]) end++;
    if (end - start > 1) {
      if (scratch.length < end - start) scratch = new Uint32Array(Math.max(end - start, scratch.length * 2));
      let count = 0;
      for (let i = start; i < end; i++)
        if (count === 0 || scratch[count - 1] !== ids[i]) scratch[count++] = ids[i];
      if (count > 1) group(scratch, count);
    }
    start = end;
  }
}
