import { KeyedIds, sortByKey } from '../candidates/radix-groups.js';
import type { PairSide, RepeatedPassage } from '../types.js';
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
  // Each window's holders: its first start in each paragraph holding it, as entries [from, to) of ids.
  const groups: { from: number; to: number; holders: number }[] = [];
  for (let from = 0; from < length; ) {
    let to = from + 1;
    let holders = 1;
    for (; to < length && keys[to] === keys[from]; to++)
      if (windows.paragraph[ids[to]] !== windows.paragraph[ids[to - 1]]) holders++;
    groups.push({ from, to, holders });
    from = to;
  }
  groups.sort((x, y) => y.holders - x.holders || ids[x.from] - ids[y.from]);
  const occurrences: Occurrence[] = [];
  const byParagraph = new Map<number, Occurrence[]>();
  const members: Set<number>[] = []; // paragraphs of each passage
  let passages = 0;
  for (const { from, to } of groups) {
    const holders: { p: number; start: number }[] = [];
    for (let k = from; k < to; k++) {
      const e = ids[k];
      const p = windows.paragraph[e];
      if (holders.length === 0 || holders[holders.length - 1].p !== p)
        holders.push({ p, start: windows.start[e] });
    }
    if (isCovered(holders, byParagraph, members)) continue;
    for (let rest = holders; rest.length > 1; ) {
      const anchor = verifier.paragraph(rest[0].p).terms.words;
      const a = rest[0].start;
      const same: typeof holders = [];
      const other: typeof holders = [];
      for (const h of rest)
        (sameWords(anchor, a, verifier.paragraph(h.p).terms.words, h.start, m) ? same : other).push(h);
      rest = other;
      if (same.length < 2) continue;
      const sides = same.map(({ p, start }) => ({ words: verifier.paragraph(p).terms.words, start }));
      const { left, right } = extent(sides, m);
      const id = passages++;
      members.push(new Set(same.map((h) => h.p)));
      for (const { p, start } of same) {
        const occurrence = { id, p, from: start - left, to: start + right };
        occurrences.push(occurrence);
        const list = byParagraph.get(p) ?? [];
        if (list.length === 0) byParagraph.set(p, list);
        list.push(occurrence);
      }
    }
  }
  return {
    passages: reported(occurrences, passages, verifier, place),
    ranges: repeatedRanges(windows, frequent, m, byParagraph),
  };
}

/** Whether every holder is an occurrence of one passage already made (one of the first holder's). */
function isCovered(
  holders: readonly { p: number }[],
  byParagraph: Map<number, Occurrence[]>,
  members: readonly Set<number>[],
): boolean {
  for (const { id } of byParagraph.get(holders[0].p) ?? [])
    if (holders.every(({ p }) => members[id].has(p))) return true;
  return false;
}

function sameWords(a: readonly string[], i: number, b: readonly string[], j: number, m: number): boolean {
  for (let k = 0; k < m; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** How far the shared words reach before (left) and from (right) each side's start, on every side. */
function extent(sides: readonly { words: readonly string[]; start: number }[], m: number) {
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
