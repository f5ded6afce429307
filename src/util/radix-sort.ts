import { withRoom } from './grow.js';

/**
 * Sorts keys[0, n) ascending, moving values[0, n) along, by a stable least-significant-digit radix sort
 * (four passes of 8 bits): linear in n, with a 256-entry count table, so short arrays stay cheap too.
 * `spare` is working memory of the caller's (grown when short); returns it, for the next call.
 */
export function sortByKey(
  keys: Uint32Array,
  values: Uint32Array,
  n: number,
  spare: Uint32Array,
): Uint32Array {
  const room = withRoom(spare, 2 * n);
  const counts = new Int32Array(256);
  let fromKeys = keys;
  let fromValues = values;
  let toKeys = room.subarray(0, n);
  let toValues = room.subarray(n, 2 * n);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(fromKeys[i] >>> shift) & 255]++;
    if (counts[(fromKeys[0] >>> shift) & 255] === n) continue; // this digit is the same everywhere
    for (let d = 0, at = 0; d < 256; d++) {
      const c = counts[d];
      counts[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(fromKeys[i] >>> shift) & 255]++;
      toKeys[at] = fromKeys[i];
      toValues[at] = fromValues[i];
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromValues, toValues] = [toValues, fromValues];
  }
  if (fromKeys !== keys) {
    keys.set(fromKeys.subarray(0, n));
    values.set(fromValues.subarray(0, n));
  }
  return room;
}
