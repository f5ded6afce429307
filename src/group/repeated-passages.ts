import type { CandidatePairs } from '../candidates/candidate-pairs.js';
import { KeyedIds, sortByKey } from '../candidates/radix-groups.js';
import { gramHashes, winnowingParams } from '../candidates/winnowing.js';
import { hashSequence } from '../sketch/hash.js';
import type { PairSide } from '../types.js';
import { GrowableUint32 } from '../util/grow.js';
import type { PairVerifier } from '../verify/pair-verifier.js';
import { coverFrequentWindows, type FoundPassages, type WindowArrays } from './passage-cover.js';

export type { FoundPassages } from './passage-cover.js';

const WINDOW_SEED = 0x70617373; // "pass": keeps window hashes apart from shingles and fingerprints

/**
 * Passages shared by many paragraphs, found without pairing those paragraphs up. Candidate search hands
 * over each winnowing fingerprint shared by `minParagraphs` paragraphs or more (addFrequent) instead of
 * its K(K − 1)/2 pairs. find() then reads those paragraphs once each: around every frequent gram it
 * hashes the windows of minOverlapWords words holding it, and groups equal windows. A window shared by
 * minParagraphs paragraphs or more is repeated text, covered by repeated passages (coverFrequentWindows:
 * any two paragraphs sharing one are occurrences of one passage); a window shared by fewer is an ordinary
 * shared run, and its paragraphs are paired as candidates. Time linear in the windows.
 */
export class RepeatedPassages {
  private readonly fingerprints: number[] = [];
  /** (paragraph, fingerprint number) of every paragraph holding a frequent fingerprint. */
  private readonly holders = new KeyedIds(1024);

  constructor(
    private readonly minOverlapWords: number,
    private readonly minParagraphs: number,
  ) {}

  addFrequent(fingerprint: number, ids: Uint32Array, count: number): void {
    const f = this.fingerprints.length;
    this.fingerprints.push(fingerprint);
    for (let i = 0; i < count; i++) this.holders.push(ids[i], f);
  }

  /** The passages; ordinary shared runs met on the way are added to `into` as candidate pairs. */
  find(verifier: PairVerifier, place: (p: number) => PairSide, into: CandidatePairs): FoundPassages {
    if (this.fingerprints.length === 0) return { passages: [], ranges: new Map() };
    const windows = this.windows(verifier);
    const frequent = this.groupWindows(windows, into);
    return coverFrequentWindows(windows, frequent, this.minOverlapWords, verifier, place);
  }

  /** Every window of minOverlapWords words holding a frequent gram, paragraph by paragraph, in order. */
  private windows(verifier: PairVerifier): WindowArrays {
    const m = this.minOverlapWords;
    const { gram } = winnowingParams(m);
    const frequentGrams = new Set(this.fingerprints);
    sortByKey(this.holders);
    const hash = new GrowableUint32();
    const paragraph = new GrowableUint32();
    const start = new GrowableUint32();
    let scratch: Uint32Array = new Uint32Array(256);
    const { keys, length } = this.holders;
    for (let h = 0; h < length; h++) {
      if (h > 0 && keys[h] === keys[h - 1]) continue;
      const p = keys[h];
      const { terms, termHashes } = verifier.paragraph(p);
      const n = terms.words.length;
      const grams = gramHashes(termHashes, n, m, scratch);
      scratch = grams.hashes;
      let next = 0; // first window start not yet written
      for (let i = 0; i < grams.count; i++) {
        if (!frequentGrams.has(grams.hashes[i])) continue;
        const last = Math.min(i, n - m);
        for (let s = Math.max(next, i - (m - gram), 0); s <= last; s++) {
          hash.push(hashSequence(termHashes, s, m, WINDOW_SEED));
          paragraph.push(p);
          start.push(s);
        }
        next = Math.max(next, last + 1);
      }
    }
    return { hash: hash.view(), paragraph: paragraph.view(), start: start.view() };
  }

  /**
   * Groups equal windows: those shared by minParagraphs paragraphs or more are marked frequent (1); the
   * paragraphs sharing any other window become candidate pairs.
   */
  private groupWindows(windows: WindowArrays, into: CandidatePairs): Uint8Array {
    const total = windows.paragraph.length;
    const byHash = new KeyedIds(Math.max(16, total));
    for (let e = 0; e < total; e++) byHash.push(windows.hash[e], e);
    sortByKey(byHash); // stable: within a hash, paragraphs ascending
    const frequent = new Uint8Array(total);
    const distinct = new Uint32Array(Math.max(16, total));
    const { keys, ids } = byHash;
    for (let start = 0; start < total; ) {
      let end = start + 1;
      while (end < total && keys[end] === keys[start]) end++;
      let count = 0;
      for (let k = start; k < end; k++) {
        const p = windows.paragraph[ids[k]];
        if (count === 0 || distinct[count - 1] !== p) distinct[count++] = p;
      }
      if (count >= this.minParagraphs) for (let k = start; k < end; k++) frequent[ids[k]] = 1;
      else if (count > 1) into.addGroup(distinct, count);
      start = end;
    }
    return frequent;
  }
}
