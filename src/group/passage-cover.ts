import { KeyedIds, sortByKey } from '../candidates/radix-groups.js';
import type { PairSide, RepeatedPassage } from '../types.js';
import { GrowableUint32 } from '../util/grow.js';
import type { PairVerifier } from '../verify/pair-verifier.js';
import { packRepeatedRanges, type RepeatedRanges } from '../verify/repeated-ranges.js';

/** Windows of minOverlapWords words: hash, paragraph and first word of each, grouped by paragraph in order. */
export interface WindowArrays {
  hash: Uint32Array;
  paragraph: Uint32Array;
  start: Uint32Array;
}

/** Repeated passages found, and what verification needs to know of them in each paragraph. */
export interface FoundPassages {
  passages: RepeatedPassage[];
  /** Paragraph → its repeated text and the passages it is an occurrence of (see RepeatedRanges). */
  ranges: Map<number, RepeatedRanges>;
}

/** An occurrence: passage number, paragraph, word range [from, to). */
interface Occurrence {
  id: number;
  p: number;
  from: number;
  to: number;
}

/**
 * The repeated passages that cover every frequent window (a window of minOverlapWords words held by
 * passageParagraphs paragraphs or more), so that any two paragraphs sharing one are occurrences of one
 * passage (docs/groups.md, "Every shared run is reported"). Windows are taken most holders first; a
 * window whose holders are all occurrences of one passage already made is covered by it; any other makes
 * a passage of its own: its words extended on both sides while every holder has the same words there
 * (compared, not hashed), its holders the occurrences. Holders whose words differ (a hash collision) are
 * set apart and make a passage among themselves. Every frequent window is repeated text (the verifier's
 * ranges), whether or not it lies inside the passage reported. Time linear in the windows and the
 * occurrences' words.
 */
export function coverFrequentWindows(
  windows: WindowArrays,
  frequent: Uint8Array,
  m: number,
  verifier: PairVerifier,
  place: (p: number) => PairSide,
): FoundPassages {
  const byHash = new KeyedIds(1024);
  for (let e = 0; e < frequent.length; e++) if (frequent[e] === 1) byHash.push(windows.hash[e], e);
  sortByKey(byHash); // stable: within a hash, paragraphs (and starts) ascending
  const { keys, ids, length } = byHash;
  // Each window's entries [starts[g], starts[g + 1]) of ids, and how many paragraphs hold it.
  const starts = new GrowableUint32();
  const holders = new GrowableUint32();
  for (let from = 0; from < length; ) {
    let to = from + 1;
    let count = 1;
    for (; to < length && keys[to] === keys[from]; to++)
      if (windows.paragraph[ids[to]] !== windows.paragraph[ids[to - 1]]) count++;
    starts.push(from);
    holders.push(count);
    from = to;
  }
  starts.push(length);
  const first = starts.view();
  const count = holders.view();
  const order = Uint32Array.from({ length: count.length }, (_, g) => g);
  order.sort((x, y) => count[y] - count[x] || ids[first[x]] - ids[first[y]]);
  const made = new MadePassages();
  const paragraphOf = (k: number) => windows.paragraph[ids[k]];
  for (const g of order) {
    if (made.cover(first[g], first[g + 1], paragraphOf)) continue;
    // Its holders, each at its first start: those with the first one's words make a passage, the rest
    // (a hash collision) are tried again among themselves.
    let rest: { p: number; start: number }[] = [];
    for (let k = first[g]; k < first[g + 1]; k++)
      if (k === first[g] || paragraphOf(k) !== paragraphOf(k - 1))
        rest.push({ p: paragraphOf(k), start: windows.start[ids[k]] });
    while (rest.length > 1) {
      const sides = rest.map(({ p, start }) => ({ p, start, words: verifier.paragraph(p).terms.words }));
      const same = sides.filter((side) => sameWords(sides[0], side, m));
      rest = sides.filter((side) => !sameWords(sides[0], side, m));
      if (same.length > 1) made.add(same, extent(same, m));
    }
  }
  return {
    passages: reported(made.occurrences, made.count, verifier, place),
    ranges: repeatedRanges(windows, frequent, m, made.byParagraph),
  };
}

/** The passages made so far: their occurrences, by paragraph, and the paragraphs of each. */
class MadePassages {
  readonly occurrences: Occurrence[] = [];
  readonly byParagraph = new Map<number, Occurrence[]>();
  private readonly members: Set<number>[] = [];

  get count(): number {
    return this.members.length;
  }

  /** Whether the paragraphs of entries [from, to) are all occurrences of one passage (one of the first's). */
  cover(from: number, to: number, paragraphOf: (k: number) => number): boolean {
    for (const { id } of this.byParagraph.get(paragraphOf(from)) ?? []) {
      let all = true;
      for (let k = from + 1; all && k < to; k++) all = this.members[id].has(paragraphOf(k));
      if (all) return true;
    }
    return false;
  }

  /** A passage held at `start − left` to `start + right` by each of `sides`. */
  add(
    sides: readonly { p: number; start: number }[],
    { left, right }: { left: number; right: number },
  ): void {
    const id = this.members.length;
    this.members.push(new Set(sides.map((side) => side.p)));
    for (const { p, start } of sides) {
      const occurrence = { id, p, from: start - left, to: start + right };
      this.occurrences.push(occurrence);
      const list = this.byParagraph.get(p) ?? [];
      if (list.length === 0) this.byParagraph.set(p, list);
      list.push(occurrence);
    }
  }
}

/** Whether two sides have the same m words from their starts. */
function sameWords(a: Side, b: Side, m: number): boolean {
  for (let k = 0; k < m; k++) if (a.words[a.start + k] !== b.words[b.start + k]) return false;
  return true;
}

/** A paragraph's words, and where a window of them starts. */
interface Side {
  words: readonly string[];
  start: number;
}

/** How far the shared words reach before (left) and from (right) each side's start, on every side. */
function extent(sides: readonly Side[], m: number): { left: number; right: number } {
  const [first] = sides;
  let right = m;
  const agreeAt = (offset: number) => {
    const word = first.words[first.start + offset];
    return sides.every(({ words, start }) => {
      const at = start + offset;
      return at >= 0 && at < words.length && words[at] === word;
    });
  };
  while (first.start + right < first.words.length && agreeAt(right)) right++;
  let left = 0;
  while (first.start - left > 0 && agreeAt(-left - 1)) left++;
  return { left, right };
}

/** The passages as reported: occurrences in input order with their character spans, first-held first. */
function reported(
  occurrences: readonly Occurrence[],
  count: number,
  verifier: PairVerifier,
  place: (p: number) => PairSide,
): RepeatedPassage[] {
  const lists: Occurrence[][] = Array.from({ length: count }, () => []);
  for (const o of occurrences) lists[o.id].push(o);
  for (const list of lists) list.sort((x, y) => x.p - y.p);
  lists.sort((x, y) => x[0].p - y[0].p || x[0].from - y[0].from || x.length - y.length);
  return lists.map((list) => ({
    words: list[0].to - list[0].from,
    occurrences: list.map(({ p, from, to }) => {
      const { terms } = verifier.paragraph(p);
      const shift = verifier.shift(p);
      return { ...place(p), span: [terms.starts[from] + shift, terms.ends[to - 1] + shift] };
    }),
  }));
}

/** Per paragraph holding frequent windows: those windows and its occurrences, merged, and its passages. */
function repeatedRanges(
  windows: WindowArrays,
  frequent: Uint8Array,
  m: number,
  byParagraph: Map<number, Occurrence[]>,
): Map<number, RepeatedRanges> {
  const spans = new Map<number, [number, number][]>();
  const add = (p: number, from: number, to: number) => {
    const list = spans.get(p) ?? [];
    if (list.length === 0) spans.set(p, list);
    list.push([from, to]);
  };
  for (let e = 0; e < frequent.length; e++)
    if (frequent[e] === 1) add(windows.paragraph[e], windows.start[e], windows.start[e] + m);
  for (const [p, list] of byParagraph) for (const o of list) add(p, o.from, o.to);
  const ranges = new Map<number, RepeatedRanges>();
  for (const [p, list] of spans) {
    list.sort((x, y) => x[0] - y[0]);
    const merged: number[] = [];
    for (const [from, to] of list) {
      if (merged.length > 0 && from <= merged[merged.length - 1])
        merged[merged.length - 1] = Math.max(merged[merged.length - 1], to);
      else merged.push(from, to);
    }
    const ids = [...new Set((byParagraph.get(p) ?? []).map((o) => o.id))].sort((x, y) => x - y);
    ranges.set(p, packRepeatedRanges(merged, ids));
  }
  return ranges;
}
