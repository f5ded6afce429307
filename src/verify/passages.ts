import { BitRanges } from '../util/bit-ranges.js';
import type { SharedRun } from './shared-runs.js';
import type { Words } from './word-ids.js';

/** How shared runs are bridged into passages (the verifier's own slice of the options). */
export interface BridgeOptions {
  /** Most words between two bridged runs, on either side; 0 keeps exact runs only. */
  bridgeGap: number;
  /** Least share of a bridged passage's words, on each side, that are matched. */
  bridgeDensity: number;
}

/**
 * A shared passage: a[aFrom, aTo) and b[bFrom, bTo) (word positions), made of shared runs in the same
 * order on both sides with short gaps between them. `words` are the words matched (the runs', and any
 * matched inside the gaps), `edits` the word edits (substitutions, insertions, deletions) that turn the
 * gaps of one side into the other's.
 */
export interface Passage {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
  words: number;
  edits: number;
}

/**
 * Bridges runs (disjoint on both sides, as sharedRuns gives them) into passages, longest (most matched
 * words) first. In the order of `a`, a run extends the open passage ending within `bridgeGap` words
 * before it on both sides, if the extended passage stays dense: matched words / its length on each side
 * ≥ bridgeDensity. Otherwise it starts a passage of its own. Passages never overlap on either side.
 */
export function bridgeRuns(
  a: Words,
  b: Words,
  runs: readonly SharedRun[],
  options: BridgeOptions,
): Passage[] {
  const sorted = [...runs].sort((x, y) => x.aFrom - y.aFrom);
  const passages: Passage[] = [];
  let open: Passage[] = []; // passages ending within bridgeGap words before the current run on a's side
  for (const run of sorted) {
    open = open.filter((p) => run.aFrom - p.aTo <= options.bridgeGap);
    let best: { passage: Passage; gap: Gap } | undefined;
    for (const passage of open) {
      const gap = bridge(a, b, passage, run, options);
      if (gap !== undefined && (best === undefined || gap.edits < best.gap.edits)) best = { passage, gap };
    }
    if (best !== undefined) {
      const { passage, gap } = best;
      passage.aTo = run.aFrom + run.length;
      passage.bTo = run.bFrom + run.length;
      passage.words += gap.matched + run.length;
      passage.edits += gap.edits;
    } else {
      const passage = {
        aFrom: run.aFrom,
        aTo: run.aFrom + run.length,
        bFrom: run.bFrom,
        bTo: run.bFrom + run.length,
        words: run.length,
        edits: 0,
      };
      passages.push(passage);
      open.push(passage);
    }
  }
  return disjoint(passages, a.length, b.length);
}

/** Edits and matched words of the gap between two runs. */
interface Gap {
  edits: number;
  matched: number;
}

/** The gap between `passage` and the run after it, if it may be bridged; undefined otherwise. */
function bridge(
  a: Words,
  b: Words,
  passage: Passage,
  run: SharedRun,
  { bridgeGap, bridgeDensity }: BridgeOptions,
): Gap | undefined {
  const aGap = run.aFrom - passage.aTo;
  const bGap = run.bFrom - passage.bTo;
  if (aGap < 0 || bGap < 0 || aGap > bridgeGap || bGap > bridgeGap) return undefined;
  const gap = alignGap(a, passage.aTo, run.aFrom, b, passage.bTo, run.bFrom);
  const words = passage.words + gap.matched + run.length;
  const aLength = run.aFrom + run.length - passage.aFrom;
  const bLength = run.bFrom + run.length - passage.bFrom;
  if (words < bridgeDensity * aLength || words < bridgeDensity * bLength) return undefined;
  return gap;
}

/**
 * Word-level edit distance between a[aFrom, aTo) and b[bFrom, bTo), and the most words an alignment of
 * that cost matches. Gaps are at most bridgeGap words, so the quadratic table stays tiny.
 */
export function alignGap(a: Words, aFrom: number, aTo: number, b: Words, bFrom: number, bTo: number): Gap {
  const n = aTo - aFrom;
  const m = bTo - bFrom;
  if (n === 0 || m === 0) return { edits: n + m, matched: 0 };
  // Row i of the table, column j: the best alignment of a's first i gap words with b's first j, as
  // (edits, matched) compared by fewest edits, then most matched words.
  let edits = Array.from({ length: m + 1 }, (_, j) => j);
  let matched = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    const rowEdits = [i];
    const rowMatched = [0];
    for (let j = 1; j <= m; j++) {
      const same = a[aFrom + i - 1] === b[bFrom + j - 1];
      let e = edits[j - 1] + (same ? 0 : 1); // match or substitution
      let w = matched[j - 1] + (same ? 1 : 0);
      if (edits[j] + 1 < e || (edits[j] + 1 === e && matched[j] > w)) {
        e = edits[j] + 1; // a's word deleted
        w = matched[j];
      }
      if (rowEdits[j - 1] + 1 < e || (rowEdits[j - 1] + 1 === e && rowMatched[j - 1] > w)) {
        e = rowEdits[j - 1] + 1; // b's word inserted
        w = rowMatched[j - 1];
      }
      rowEdits.push(e);
      rowMatched.push(w);
    }
    edits = rowEdits;
    matched = rowMatched;
  }
  return { edits: edits[m], matched: matched[m] };
}

// Working memory of disjoint, reused from call to call (calls never interleave).
const onA = new BitRanges();
const onB = new BitRanges();

/** Most matched words first (then earliest in a), dropping a passage that overlaps a kept one on either side. */
function disjoint(passages: Passage[], aLength: number, bLength: number): Passage[] {
  passages.sort((x, y) => y.words - x.words || x.aFrom - y.aFrom || x.bFrom - y.bFrom);
  onA.reset(aLength);
  onB.reset(bLength);
  return passages.filter((p) => {
    if (onA.overlaps(p.aFrom, p.aTo) || onB.overlaps(p.bFrom, p.bTo)) return false;
    onA.add(p.aFrom, p.aTo);
    onB.add(p.bFrom, p.bTo);
    return true;
  });
}
