import type { CandidatePairs } from './candidate-pairs.js';
import type { Lookup } from './lookup.js';
import { forEachGroup, KeyedIds, sortByKey } from './radix-groups.js';

/** The band keys and fingerprints of consecutive paragraphs: a corpus, or one indexed document. */
export interface FeatureBlock {
  /** One more than the paragraphs; paragraph i has shingles when setOffsets[i + 1] > setOffsets[i]. */
  readonly setOffsets: Uint32Array;
  /** bands keys per paragraph: bandKeys[i × bands + b]. */
  readonly bandKeys: Uint32Array;
  /**
   * Winnowing fingerprints, 64-bit keys: the lower 32 bits (the winnowing hash) in `fingerprints`, the
   * upper 32 (another hash of the same words) in `fingerprintsHigh`, and the paragraph (within the
   * block) each belongs to.
   */
  readonly fingerprints: Uint32Array;
  readonly fingerprintsHigh: Uint32Array;
  readonly fingerprintParagraphs: Uint32Array;
}

/** Tables of (key, id) entries to find candidates in: one per LSH band, then (optionally) fingerprints. */
export interface CandidateTables {
  readonly count: number;
  /** Whether table t has 64-bit keys (KeyedIds.highs); none has when not given. */
  wide?(t: number): boolean;
  /** Table t's entries (ids need not be ascending within a key); may fill and return `scratch`. */
  table(t: number, scratch: KeyedIds): KeyedIds;
  /** At most how many entries table t holds, when known (its array is then allocated once). */
  capacity?(t: number): number;
}

/** Paragraphs in a block. */
export function paragraphsIn(block: FeatureBlock): number {
  return block.setOffsets.length - 1;
}

/**
 * The tables of blocks numbered one after another from `first`: table t < bands holds band t's key of
 * every paragraph with shingles (which alone can share a band), table `bands` every fingerprint, each
 * with its paragraph number, numbers ascending. Paragraphs p with `excluded[p]` set (copies of an
 * earlier paragraph, which stand in for them) are left out. `reorder`: a single block built for this one
 * call (a corpus, from 0) lends its fingerprint arrays to be sorted (and the excluded entries dropped)
 * in place instead of copied (tens of millions of entries at a million paragraphs).
 */
export function blockTables(
  blocks: readonly FeatureBlock[],
  first: number,
  bands: number,
  reorder = false,
  excluded?: Uint8Array,
): CandidateTables {
  const kept = (p: number) => excluded === undefined || excluded[p] === 0;
  return {
    count: bands + 1,
    wide: (t) => t === bands,
    capacity: (t) =>
      blocks.reduce((sum, b) => sum + (t < bands ? paragraphsIn(b) : b.fingerprints.length), 0),
    table(t, scratch) {
      if (t === bands && reorder && blocks.length === 1 && first === 0)
        return keptInPlace(
          blocks[0].fingerprints,
          blocks[0].fingerprintParagraphs,
          blocks[0].fingerprintsHigh,
          excluded,
        );
      let at = first;
      for (const block of blocks) {
        const n = paragraphsIn(block);
        if (t < bands) {
          const { setOffsets, bandKeys } = block;
          for (let i = 0; i < n; i++)
            if (setOffsets[i + 1] > setOffsets[i] && kept(at + i))
              scratch.push(bandKeys[i * bands + t], at + i);
        } else {
          const { fingerprints, fingerprintsHigh, fingerprintParagraphs } = block;
          for (let f = 0; f < fingerprints.length; f++)
            if (kept(at + fingerprintParagraphs[f]))
              scratch.push(fingerprints[f], at + fingerprintParagraphs[f], fingerprintsHigh[f]);
        }
        at += n;
      }
      return scratch;
    },
  };
}

/** The (key, id, high) entries over the arrays given, those of excluded ids dropped in place. */
function keptInPlace(
  keys: Uint32Array,
  ids: Uint32Array,
  highs: Uint32Array,
  excluded: Uint8Array | undefined,
): KeyedIds {
  if (excluded === undefined) return KeyedIds.over(keys, ids, highs);
  let length = 0;
  for (let i = 0; i < keys.length; i++) {
    if (excluded[ids[i]] !== 0) continue;
    keys[length] = keys[i];
    highs[length] = highs[i];
    ids[length++] = ids[i];
  }
  return KeyedIds.over(keys.subarray(0, length), ids.subarray(0, length), highs.subarray(0, length));
}

/** Every table of `tables`, each in an array of its own (the base of a lookup). */
export function allTables(tables: CandidateTables): KeyedIds[] {
  return Array.from({ length: tables.count }, (_, t) =>
    tables.table(t, new KeyedIds(Math.max(16, tables.capacity?.(t) ?? 0), tables.wide?.(t) === true)),
  );
}

/**
 * What a detection does with groups too large to pair up (the rest are paired as they are): a band
 * bucket of more than `largeBucket` paragraphs goes to `onLargeBucket` (the table of the band given), a
 * fingerprint shared by `frequent` paragraphs or more to `onFrequent`. Ids ascending; the arrays are
 * reused after the call.
 */
export interface LargeGroups {
  largeBucket: number;
  onLargeBucket(ids: Uint32Array, count: number): void;
  frequent: number;
  onFrequent(fingerprint: number, ids: Uint32Array, count: number): void;
}

/**
 * The one candidate search, for a detection, the lasting and shared index and LshIndex alike: adds to
 * `into` every pair of new items that share a key in a table (one radix sort per table, then each group's
 * pairs at once, so a key shared by too many stops the call before anything is verified), and with
 * `indexed`, every pair of a new item and an indexed one filed under one of its keys. With `large`, the
 * groups it takes are handed to it instead (tables before the last are LSH bands, the last fingerprints).
 */
export function collectCandidates(
  fresh: CandidateTables,
  into: CandidatePairs,
  indexed?: Lookup,
  large?: LargeGroups,
): void {
  const narrow = new KeyedIds(1024);
  const wide = new KeyedIds(1024, true);
  for (let t = 0; t < fresh.count; t++) {
    const scratch = fresh.wide?.(t) ? wide : narrow;
    scratch.clear();
    const table = fresh.table(t, scratch);
    sortByKey(table);
    const fingerprints = t === fresh.count - 1;
    forEachGroup(table, (ids, count, key) => {
      if (large === undefined) into.addGroup(ids, count);
      else if (fingerprints && count >= large.frequent) large.onFrequent(key, ids, count);
      else if (!fingerprints && count > large.largeBucket) large.onLargeBucket(ids, count);
      else into.addGroup(ids, count);
    });
    if (indexed === undefined) continue;
    const { keys, ids, highs, length } = table;
    for (let i = 0; i < length; i++) indexed.pairWith(t, keys[i], highs?.[i] ?? 0, ids[i], into);
  }
}
