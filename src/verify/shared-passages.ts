import { type BridgeOptions, bridgeRuns, type Passage } from './passages.js';
import { type SharedRun, SharedRunFinder } from './shared-runs.js';
import type { Words } from './word-ids.js';

/** What finding the passages of a pair needs (the verifier's own slice of the options). */
export interface PassageOptions extends BridgeOptions {
  /** Fewest matched words in a passage that makes two paragraphs overlap. */
  minOverlapWords: number;
}

/**
 * Shortest shared run that seeds a bridged passage. Shorter seeds let more edits through (a 12-word
 * quotation with 2 edits keeps runs of about 3 words) but chain stock phrases; see docs/passages.md.
 */
export const SEED_WORDS = 3;

/** The shared passages of two paragraphs' terms: exact runs, bridged across short edits when asked. */
export class SharedPassages {
  private readonly runs = new SharedRunFinder();
  /** A finder of its own for term hashes, so each keeps its `a` indexed. */
  private readonly hashRuns = new SharedRunFinder();

  constructor(private readonly options: PassageOptions) {}

  /**
   * A shared run this long is needed for any overlap (so a pair without one is skipped unread): the
   * seed length when bridging, minOverlapWords otherwise.
   */
  get seedWords(): number {
    const { bridgeGap, minOverlapWords } = this.options;
    return bridgeGap > 0 ? Math.min(SEED_WORDS, minOverlapWords) : minOverlapWords;
  }

  /**
   * Whether the term hashes of two paragraphs already hold a bridged passage of `minWords` matched
   * words: the hashes stand for the words, so a pair without one is not worth reading.
   */
  mayShare(aHashes: Uint32Array, bHashes: Uint32Array, minWords: number): boolean {
    const { passages } = this.findIn(this.hashRuns, aHashes, aHashes, bHashes, bHashes, minWords);
    return passages.length > 0;
  }

  /**
   * The passages of at least `minWords` matched words, most first, and the exact shared runs of at
   * least `minWords` words (what sharedRuns would give). `a` is kept indexed while the next call passes
   * the same array.
   */
  find(
    a: Words,
    aHashes: Uint32Array,
    b: Words,
    bHashes: Uint32Array,
    minWords: number,
  ): { passages: Passage[]; runs: SharedRun[] } {
    return this.findIn(this.runs, a, aHashes, b, bHashes, minWords);
  }

  private findIn(
    finder: SharedRunFinder,
    a: Words,
    aHashes: Uint32Array,
    b: Words,
    bHashes: Uint32Array,
    minWords: number,
  ): { passages: Passage[]; runs: SharedRun[] } {
    if (this.options.bridgeGap === 0) {
      const runs = finder.find(a, aHashes, b, bHashes, minWords);
      return { passages: runs.map(exactPassage), runs };
    }
    // The runs of minWords or more are the same whether shorter ones are asked for too: they are chosen
    // first (longest first), so the shorter seeds never push one of them out.
    const seeds = finder.find(a, aHashes, b, bHashes, Math.min(minWords, this.seedWords));
    const passages = bridgeRuns(a, b, seeds, this.options).filter((p) => p.words >= minWords);
    return { passages, runs: seeds.filter((run) => run.length >= minWords) };
  }
}

function exactPassage(run: SharedRun): Passage {
  const { aFrom, bFrom, length } = run;
  return { aFrom, aTo: aFrom + length, bFrom, bTo: bFrom + length, words: length, edits: 0 };
}
