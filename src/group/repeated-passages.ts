import type { CandidatePairs } from '../candidates/candidate-pairs.js';
import { KeyedIds, sortByKey } from '../candidates/radix-groups.js';
import { gramHashes, winnowingParams } from '../candidates/winnowing.js';
import { hashSequence } from '../sketch/hash.js';
import type { PairSide, PassageOccurrence, RepeatedPassage } from '../types.js';
import { GrowableUint32 } from '../util/grow.js';
import type { PairVerifier } from '../verify/pair-verifier.js';
import { UnionFind } from './union-find.js';

const WINDOW_SEED = 0x70617373; // "pass": keeps window hashes apart from shingles and fingerprints

/** Repeated passages found, and where they lie in each paragraph (for the verifier: see setPassageRanges). */
export interface FoundPassages {
  passages: RepeatedPassage[];
  /** Paragraph → word ranges of the passages in it (flat [from, to, …], sorted, disjoint). */
  ranges: Map<number, Uint32Array>;
}

/**
 * Passages shared by many paragraphs, found without pairing those paragraphs up. Candidate search hands
 * over each winnowing fingerprint shared by `minParagraphs` paragraphs or more (addFrequent) instead of
 * its K(K − 1)/2 pairs. find() then reads those paragraphs once each: around every frequent gram it
 * hashes the windows of minOverlapWords words holding it, and groups equal windows. A window shared by
 * minParagraphs paragraphs or more belongs to a repeated passage; a window shared by fewer is an ordinary
 * shared run, and its paragraphs are paired as candidates. Overlapping frequent windows of a paragraph
 * make a region; regions sharing a window make one passage, whose first region is its anchor: every
 * other region is aligned with it on a shared window and extended word by word (the words compared, not
 * hashes), and the passage is the stretch of the anchor that most of them cover (median start and end).
 * A region not covering it (or not aligning) is paired with the anchor as an ordinary candidate. Time
 * linear in the occurrences.
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

  /** The passages; ordinary shared runs met on the way, and unaligned regions, are added to `into`. */
  find(verifier: PairVerifier, place: (p: number) => PairSide, into: CandidatePairs): FoundPassages {
    const found: FoundPassages = { passages: [], ranges: new Map() };
    if (this.fingerprints.length === 0) return found;
    const windows = this.windows(verifier);
    const frequent = this.groupWindows(windows, into);
    const regions = regionsOf(windows, frequent, this.minOverlapWords);
    const links = new UnionFind(regions.paragraph.length);
    const firstRegion = new Map<number, number>();
    for (let e = 0; e < windows.paragraph.length; e++) {
      if (frequent[e] === 0) continue;
      const earlier = firstRegion.get(windows.hash[e]);
      if (earlier === undefined) firstRegion.set(windows.hash[e], regions.of[e]);
      else links.union(earlier, regions.of[e]);
    }
    const passages = new Map<number, number[]>();
    for (let r = 0; r < regions.paragraph.length; r++) {
      const root = links.find(r);
      const list = passages.get(root);
      if (list) list.push(r);
      else passages.set(root, [r]);
    }
    const ranges = new Map<number, number[]>();
    for (const members of passages.values()) {
      const passage = this.passage(members, windows, frequent, regions, verifier, place, into, ranges);
      if (passage) found.passages.push(passage);
    }
    for (const [p, list] of ranges) found.ranges.set(p, mergedRanges(list));
    return found;
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

  /** One passage from its regions (the first is the anchor), or undefined when too few of them agree. */
  private passage(
    members: number[],
    windows: WindowArrays,
    frequent: Uint8Array,
    regions: Regions,
    verifier: PairVerifier,
    place: (p: number) => PairSide,
    into: CandidatePairs,
    ranges: Map<number, number[]>,
  ): RepeatedPassage | undefined {
    const m = this.minOverlapWords;
    const anchorRegion = members[0];
    const anchorP = regions.paragraph[anchorRegion];
    const anchor = verifier.paragraph(anchorP).terms.words;
    const anchorStarts = new Map<number, number>();
    for (let e = regions.first[anchorRegion]; e < regions.end[anchorRegion]; e++)
      if (frequent[e] === 1 && !anchorStarts.has(windows.hash[e]))
        anchorStarts.set(windows.hash[e], windows.start[e]);
    const runs: { region: number; from: number; to: number; shift: number }[] = [];
    const leftovers: number[] = [];
    for (const r of members.slice(1)) {
      const words = verifier.paragraph(regions.paragraph[r]).terms.words;
      let run: (typeof runs)[number] | undefined;
      for (let e = regions.first[r]; e < regions.end[r] && run === undefined; e++) {
        const i = frequent[e] === 1 ? anchorStarts.get(windows.hash[e]) : undefined;
        if (i === undefined) continue;
        const j = windows.start[e];
        let from = 0;
        while (from < m && anchor[i + from] === words[j + from]) from++;
        if (from < m) continue; // equal hashes, different words
        let to = i + m;
        while (to < anchor.length && to - i + j < words.length && anchor[to] === words[to - i + j]) to++;
        from = i;
        while (from > 0 && from - i + j > 0 && anchor[from - 1] === words[from - 1 - i + j]) from--;
        run = { region: r, from, to, shift: j - i };
      }
      if (run) runs.push(run);
      else leftovers.push(r);
    }
    const from = median(runs.map((run) => run.from));
    const to = median(runs.map((run) => run.to));
    const occurrences: { p: number; from: number; to: number }[] = [];
    if (runs.length > 0 && to - from >= m) {
      occurrences.push({ p: anchorP, from, to });
      for (const run of runs) {
        if (run.from <= from && run.to >= to)
          occurrences.push({ p: regions.paragraph[run.region], from: from + run.shift, to: to + run.shift });
        else leftovers.push(run.region);
      }
    } else {
      for (const run of runs) leftovers.push(run.region);
    }
    for (const r of leftovers) if (regions.paragraph[r] !== anchorP) into.add(anchorP, regions.paragraph[r]);
    if (new Set(occurrences.map((o) => o.p)).size < 2) return undefined;
    occurrences.sort((x, y) => x.p - y.p || x.from - y.from);
    const shown: PassageOccurrence[] = occurrences.map(({ p, from: f, to: t }) => {
      const list = ranges.get(p) ?? [];
      if (list.length === 0) ranges.set(p, list);
      list.push(f, t);
      const { terms } = verifier.paragraph(p);
      const shift = verifier.shift(p);
      return { ...place(p), span: [terms.starts[f] + shift, terms.ends[t - 1] + shift] };
    });
    return { words: to - from, occurrences: shown };
  }
}

/** Windows of minOverlapWords words: hash, paragraph and first word of each, grouped by paragraph in order. */
interface WindowArrays {
  hash: Uint32Array;
  paragraph: Uint32Array;
  start: Uint32Array;
}

/** Runs of overlapping frequent windows of one paragraph: windows [first, end) of each region. */
interface Regions {
  paragraph: number[];
  first: number[];
  end: number[];
  /** Region of each frequent window. */
  of: Uint32Array;
}

function regionsOf(windows: WindowArrays, frequent: Uint8Array, m: number): Regions {
  const regions: Regions = { paragraph: [], first: [], end: [], of: new Uint32Array(frequent.length) };
  let reach = -1; // end (in words) of the current region
  for (let e = 0; e < frequent.length; e++) {
    if (frequent[e] === 0) continue;
    const p = windows.paragraph[e];
    const last = regions.paragraph.length - 1;
    if (last >= 0 && regions.paragraph[last] === p && windows.start[e] < reach) {
      regions.end[last] = e + 1;
    } else {
      regions.paragraph.push(p);
      regions.first.push(e);
      regions.end.push(e + 1);
    }
    regions.of[e] = regions.paragraph.length - 1;
    reach = windows.start[e] + m;
  }
  return regions;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** [from, to, …] pairs sorted and merged where they overlap. */
function mergedRanges(list: number[]): Uint32Array {
  const pairs: [number, number][] = [];
  for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
  pairs.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [from, to] of pairs) {
    if (out.length > 0 && from <= out[out.length - 1])
      out[out.length - 1] = Math.max(out[out.length - 1], to);
    else out.push(from, to);
  }
  return Uint32Array.from(out);
}
