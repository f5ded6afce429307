import { BitRanges } from '../util/bit-ranges.js';
import { withRoom } from '../util/grow.js';
import { sortByKey } from '../util/radix-sort.js';
import { RunStretches } from './run-stretches.js';
import { SuffixAutomaton } from './suffix-automaton.js';
import { WordIds, type Words } from './word-ids.js';

/** A maximal run of equal consecutive words: a[aFrom, aFrom + length) equals b[bFrom, bFrom + length). */
export interface SharedRun {
  aFrom: number;
  bFrom: number;
  length: number;
}

/** Most words (both texts) whose working memory sharedRuns keeps between calls. */
const KEPT_SCRATCH_WORDS = 1 << 16;

/** Other places in `a` tried for a run whose first place clashes with a run already chosen there. */
const MAX_PLACES = 32;

/**
 * Runs of at least `minLength` equal consecutive words shared by two word sequences, none overlapping
 * another on either side, longest first (earliest on ties). The first is always a longest common run.
 * `aHashes[i]` and `bHashes[i]` are the term hashes of the words (equal words, equal hashes).
 */
export function sharedRuns(
  a: readonly string[],
  aHashes: Uint32Array,
  b: readonly string[],
  bHashes: Uint32Array,
  minLength: number,
): SharedRun[] {
  // Long texts get working memory of their own, let go afterwards, instead of growing the shared one.
  const finder = a.length + b.length > KEPT_SCRATCH_WORDS ? new SharedRunFinder() : scratchFinder;
  finder.forget(); // the caller may have changed the words of the same array since the last call
  return finder.find(a, aHashes, b, bHashes, minLength);
}

/**
 * sharedRuns with its working memory kept, and the index of `a` kept while the next call passes the very
 * same `a` array (the verifier compares one paragraph with its candidates one after another).
 *
 * `a` is indexed by its suffix automaton; walking `b` through it gives, at each position j, the longest
 * run ending at j that `a` also holds (matching statistics), in linear time however repetitive the text.
 * Where that run cannot be extended by the next position, it is a maximal run, and every maximal run of
 * `b`'s side is one of these or lies inside one. They are chosen longest first, each kept when it
 * overlaps no chosen run on either side: at its first place in `a`, or else at another of its places.
 *
 * Only the stretches of `b` whose windows of `minLength` words `a` holds too are walked (RunStretches),
 * each from the root: within them the lengths of at least `minLength` are the same as a walk of all of
 * `b` gives, since such a run never leaves its stretch. The runs found are kept in typed arrays and
 * ordered by two stable radix sorts, so a pair of long paragraphs sharing thousands of short runs
 * allocates nothing per run but the runs it chooses.
 */
export class SharedRunFinder {
  private readonly automaton = new SuffixAutomaton();
  private readonly vocabulary = new WordIds();
  private readonly stretches = new RunStretches();
  private indexed: Words | undefined;
  private stretchesIndexed = false;
  private runEnd = new Int32Array(0);
  private runState = new Int32Array(0);
  // The maximal runs found (state, place in a, place in b, length), and the order they are tried in.
  private found = 0;
  private foundState: Int32Array = new Int32Array(64);
  private foundA: Uint32Array = new Uint32Array(64);
  private foundB: Int32Array = new Int32Array(64);
  private foundLength: Int32Array = new Int32Array(64);
  private order: Uint32Array = new Uint32Array(64);
  private keys: Uint32Array = new Uint32Array(64);
  private spare: Uint32Array = new Uint32Array(128);
  private readonly onA = new BitRanges();
  private readonly onB = new BitRanges();

  find(a: Words, aHashes: Uint32Array, b: Words, bHashes: Uint32Array, minLength: number): SharedRun[] {
    if (a.length < minLength || b.length < minLength || b.length === 0) return [];
    if (this.indexed !== a) {
      this.vocabulary.build(a, aHashes);
      this.automaton.build(this.vocabulary.ids, a.length);
      this.indexed = a;
      this.stretchesIndexed = false;
    }
    const { stretches } = this;
    if (!this.stretchesIndexed || stretches.windowLength !== minLength) {
      stretches.index(aHashes, a.length, minLength);
      this.stretchesIndexed = true;
    }
    stretches.find(bHashes, b.length);
    this.found = 0;
    for (let s = 0; s < stretches.count; s++) {
      const from = stretches.from[s];
      const to = stretches.to[s];
      const { length, states } = this.matchingStatistics(b, bHashes, from, to);
      for (let j = from; j < to; j++) {
        const here = length[j];
        // Maximal when the next position does not extend it (then its own run would be one longer);
        // past the stretch none does.
        if (here < minLength || (j + 1 < to && length[j + 1] === here + 1)) continue;
        const state = states[j];
        this.keep(state, this.automaton.firstEnd[state] - here + 1, j - here + 1, here);
      }
    }
    this.sortFound();
    return this.disjointOnBothSides(a.length, b.length);
  }

  private keep(state: number, aFrom: number, bFrom: number, length: number): void {
    const n = this.found++;
    if (n === this.foundState.length) {
      this.foundState = withRoom(this.foundState, n + 1, n);
      this.foundA = withRoom(this.foundA, n + 1, n);
      this.foundB = withRoom(this.foundB, n + 1, n);
      this.foundLength = withRoom(this.foundLength, n + 1, n);
    }
    this.foundState[n] = state;
    this.foundA[n] = aFrom;
    this.foundB[n] = bFrom;
    this.foundLength[n] = length;
  }

  /**
   * Orders the runs found longest first, then by place in a, then in b: they were found in the order
   * of b, and two stable sorts (by place in a, then by length) keep each earlier order among equals.
   */
  private sortFound(): void {
    const n = this.found;
    this.order = withRoom(this.order, n);
    this.keys = withRoom(this.keys, n);
    const { order, keys } = this;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      keys[i] = this.foundA[i];
    }
    this.spare = sortByKey(keys, order, n, this.spare);
    for (let i = 0; i < n; i++) keys[i] = ~this.foundLength[order[i]] >>> 0;
    this.spare = sortByKey(keys, order, n, this.spare);
  }

  /** Forgets the index of `a` (call it before passing an `a` array whose words were changed in place). */
  forget(): void {
    this.indexed = undefined;
    this.stretchesIndexed = false;
    this.stretches.forget();
  }

  /**
   * For each position j of b[from, to): the longest run ending there, starting at `from` or later, that
   * `a` holds, and its automaton state.
   */
  private matchingStatistics(b: Words, bHashes: Uint32Array, from: number, to: number) {
    if (this.runEnd.length < b.length) {
      this.runEnd = new Int32Array(b.length);
      this.runState = new Int32Array(b.length);
    }
    const { automaton, vocabulary } = this;
    let state = 0;
    let length = 0;
    for (let j = from; j < to; j++) {
      const symbol = vocabulary.idOf(b[j], bHashes[j]);
      if (symbol < 0) {
        state = 0;
        length = 0;
      } else {
        while (state > 0 && automaton.next(state, symbol) < 0) {
          state = automaton.link[state];
          length = automaton.len[state];
        }
        const next = automaton.next(state, symbol);
        if (next >= 0) {
          state = next;
          length++;
        } else {
          length = 0; // only at the root: the symbol is in `a`, so the root always has it
        }
      }
      this.runEnd[j] = length;
      this.runState[j] = state;
    }
    return { length: this.runEnd, states: this.runState };
  }

  /** Longest first, each at the first of its places in `a` that overlaps no chosen run there. */
  private disjointOnBothSides(aLength: number, bLength: number): SharedRun[] {
    const { onA, onB } = this;
    onA.reset(aLength);
    onB.reset(bLength);
    const chosen: SharedRun[] = [];
    for (let i = 0; i < this.found; i++) {
      const r = this.order[i];
      const bFrom = this.foundB[r];
      const length = this.foundLength[r];
      if (onB.overlaps(bFrom, bFrom + length)) continue;
      let aFrom = this.foundA[r];
      if (onA.overlaps(aFrom, aFrom + length)) {
        // The same words end at these other places in `a` (each one a maximal run too: the words before
        // and after them in `b` would have made the matching run longer).
        const free = this.automaton
          .endPositions(this.foundState[r], MAX_PLACES)
          .map((end) => end - length + 1)
          .find((from) => !onA.overlaps(from, from + length));
        if (free === undefined) continue;
        aFrom = free;
      }
      onA.add(aFrom, aFrom + length);
      onB.add(bFrom, bFrom + length);
      chosen.push({ aFrom, bFrom, length });
    }
    return chosen;
  }
}

/** Working memory of sharedRuns, reused from call to call (calls never interleave). */
const scratchFinder = new SharedRunFinder();
