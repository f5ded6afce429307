import type { FeatureExtractor, ParagraphText } from '../sketch/features.js';
import type { Pair, PairSide, Span } from '../types.js';
import { LruCache } from '../util/lru.js';
import { ExactShingles, type ShingleSet } from './exact-shingles.js';
import { editSimilarity, jaccard } from './metrics.js';
import type { Passage } from './passages.js';
import { longestOutside, type RepeatedRanges, shareRepeatedPassage } from './repeated-ranges.js';
import { rollingWindows } from './run-stretches.js';
import { type PassageOptions, SharedPassages } from './shared-passages.js';
import { type SharedRun, sharedRuns } from './shared-runs.js';

/** What verifying a pair needs of the options (minOverlapWords and bridging: PassageOptions). */
export interface VerifyParams extends PassageOptions {
  /** Jaccard at or above which a pair is a near duplicate. */
  threshold: number;
  /** Whether pairs below the threshold are checked for a shared passage. */
  overlaps: boolean;
  minOverlapWords: number;
  shingleSize: number;
  shingleUnit: 'word' | 'char';
  /** Longest normalised paragraph given to the exact Levenshtein distance. */
  maxEditChars: number;
}

/** What verification needs to know of paragraph p (a whole corpus, or the part a worker thread got). */
export interface ParagraphSource {
  /** The sorted unique shingle set. */
  set(p: number): Uint32Array;
  /** A text holding the paragraph at [start, end), and what to add to offsets in it (shift) to get offsets in its document. */
  text(p: number): { text: string; start: number; end: number; shift: number };
  /** Document id and paragraph index, as reported. */
  place(p: number): PairSide;
}

/**
 * Terms from which a paragraph is read (tokenised) for its first candidate that shares a window, rather
 * than first ruled in on its term hashes (see mayOverlap): 10 paragraphs of 237,000 words spent a tenth
 * of their verification building those second automata.
 */
const READ_AT_ONCE_TERMS = 2048;

/** Paragraphs whose tokens the verifier keeps at once (least recently used are dropped first). */
const CACHED_PARAGRAPHS = 4096;

/**
 * Exact verification of candidate pairs. Paragraph texts are re-tokenised on demand, with a bounded
 * least-recently-used cache, instead of keeping every paragraph's tokens for the whole corpus: candidates
 * come sorted by their first paragraph, so most lookups hit.
 */
export class PairVerifier {
  private readonly cache = new Map<number, ParagraphText>();
  private readonly hashCache = new LruCache<Uint32Array>(CACHED_PARAGRAPHS);
  /** Per window length m, each paragraph's m-term window hashes, sorted (see sharesWindow). */
  private readonly windowCaches = new Map<number, LruCache<Uint32Array>>();
  /** Each paragraph's words joined by spaces, and where each word starts there (see normalised). */
  private readonly normalCache = new WeakMap<ParagraphText, { text: string; offsets: number[] }>();
  /** Each paragraph's distinct shingles, sorted once for all the pairs it is in (see ExactShingles). */
  private readonly shingleCache = new WeakMap<ParagraphText, ShingleSet>();
  private scratch: Uint32Array = new Uint32Array(256);

  private readonly shifts = new Map<number, number>();
  private readonly exact: ExactShingles;
  /** Per paragraph, its repeated text and the repeated passages it is an occurrence of (see beyondRepeated). */
  private passageRanges: (p: number) => RepeatedRanges | undefined = () => undefined;
  private readonly passages: SharedPassages;

  constructor(
    private readonly source: ParagraphSource,
    private readonly params: VerifyParams,
    private readonly extractor: FeatureExtractor,
  ) {
    this.exact = new ExactShingles(params);
    this.passages = new SharedPassages(params);
  }

  /**
   * Jaccard of the 32-bit shingle hash sets of paragraphs p and q: what the index holds, and a filter only.
   * Collisions can raise it (or, rarely, lower it); the figures reported come from ExactShingles.
   */
  hashJaccard(p: number, q: number): number {
    return jaccard(this.source.set(p), this.source.set(q));
  }

  /**
   * The exact Jaccard of p and q, on their words, when it reaches the threshold and the 32-bit filter let
   * the pair through; undefined otherwise. Exactly what verify() decides about nearness (same filter, same
   * figure), without the shared passages and edit similarity that a listed pair needs: clustering counts
   * near pairs with it (docs/groups.md).
   */
  nearJaccard(p: number, q: number): number | undefined {
    const { threshold } = this.params;
    if (this.hashJaccard(p, q) < threshold) return undefined;
    const { jaccard } = this.exact.compare(this.shingles(this.text(p)), this.shingles(this.text(q)));
    return jaccard >= threshold ? jaccard : undefined;
  }

  /**
   * Tells the verifier where repeated passages lie in each paragraph's terms, and which passages it is
   * an occurrence of (RepeatedRanges): see beyondRepeated.
   */
  setPassageRanges(ranges: (p: number) => RepeatedRanges | undefined): void {
    this.passageRanges = ranges;
  }

  /**
   * Whether p and q have the same normalised words: their texts are equal (then so are their tokens), or
   * their tokens are. Exact copies are confirmed with it, so a hash collision never merges two texts.
   */
  sameWords(p: number, q: number): boolean {
    const a = this.source.text(p);
    const b = this.source.text(q);
    if (a.end - a.start === b.end - b.start) {
      let same = true;
      for (let i = 0; same && i < a.end - a.start; i++)
        same = a.text.charCodeAt(a.start + i) === b.text.charCodeAt(b.start + i);
      if (same) return true;
    }
    const x = this.text(p).tokens.words;
    const y = this.text(q).tokens.words;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }

  /**
   * The Pair of p and q < p's exact copy (sameWords(p, q)): what verify() gives for it, built directly (Jaccard,
   * containment and similarity 1, one span over the whole paragraph), in time linear in its length.
   */
  exactCopy(p: number, q: number): Pair {
    const a = this.text(p);
    const b = this.text(q);
    const last = a.terms.words.length - 1;
    const aShift = this.shifts.get(p) ?? 0;
    const bShift = this.shifts.get(q) ?? 0;
    return {
      a: this.source.place(p),
      b: this.source.place(q),
      kind: 'exact',
      jaccard: 1,
      containment: 1,
      similarity: 1,
      spans: [
        {
          a: [a.terms.starts[0] + aShift, a.terms.ends[last] + aShift],
          b: [b.terms.starts[0] + bShift, b.terms.ends[last] + bShift],
          words: last + 1,
        },
      ],
    };
  }

  /** Paragraph p's tokens, terms and term hashes (cached; the object stays valid after it is evicted). */
  paragraph(p: number): ParagraphText {
    return this.text(p);
  }

  /** What to add to offsets in paragraph p's text to get offsets in its document. */
  shift(p: number): number {
    this.text(p);
    return this.shifts.get(p) ?? 0;
  }

  /**
   * The verified Pair for p < q, or undefined when it is neither a near duplicate (Jaccard ≥ threshold)
   * nor shares a passage of minOverlapWords words beyond repeated passages. The hashes choose which pairs
   * to look at; what is reported (kind, Jaccard, containment, spans) is decided on the words themselves.
   * An overlap's edit similarity is the linear-time lower bound (see editSimilarity), not the quadratic
   * distance: what it shares is in its spans.
   */
  verify(p: number, q: number, knownHashJaccard?: number): Pair | undefined {
    const { threshold, overlaps, minOverlapWords } = this.params;
    const mayBeNear = (knownHashJaccard ?? this.hashJaccard(p, q)) >= threshold;
    if (!mayBeNear && !overlaps) return undefined;
    // Most overlap candidates share a fingerprint but no run of minOverlapWords words: rule those out on
    // the term hashes alone, before tokenising either text.
    if (!mayBeNear && !this.mayOverlap(p, q)) return undefined;
    const a = this.text(p);
    const b = this.text(q);
    const passagesOf = (minSpan: number) =>
      this.passages.find(a.terms.words, a.termHashes, b.terms.words, b.termHashes, minSpan);
    const overlapFound = mayBeNear ? undefined : passagesOf(minOverlapWords);
    const overlapPassages = overlapFound && this.beyondRepeated(overlapFound.passages, p, q);
    if (overlapPassages?.length === 0) return undefined;
    const figures = this.exact.compare(this.shingles(a), this.shingles(b));
    const isNear = figures.jaccard >= threshold;
    if (!isNear && !overlaps) return undefined;
    const found = isNear
      ? passagesOf(Math.max(1, Math.min(this.nearSpanWords(), a.terms.words.length, b.terms.words.length)))
      : (overlapFound ?? passagesOf(minOverlapWords));
    const { runs } = found;
    const passages = isNear ? found.passages : (overlapPassages ?? this.beyondRepeated(found.passages, p, q));
    if (!isNear && passages.length === 0) return undefined;
    const aNormal = this.normalised(a).text;
    const bNormal = this.normalised(b).text;
    const kind = !isNear ? 'overlap' : aNormal === bNormal ? 'exact' : 'near';
    // The alignment is only built when the texts are too long for an exact Levenshtein distance, and for
    // every overlap: its bound is linear, the distance quadratic (51 % of a detection on repetitive text).
    const maxChars = isNear ? this.params.maxEditChars : -1;
    const similarity = editSimilarity(aNormal, bNormal, maxChars, () => ({
      runs: a.terms === a.tokens && b.terms === b.tokens ? runs : this.wordRuns(a, b),
      aOffsets: this.normalised(a).offsets,
      bOffsets: this.normalised(b).offsets,
    }));
    const aShift = this.shifts.get(p) ?? 0;
    const bShift = this.shifts.get(q) ?? 0;
    const spans: Span[] = passages.map((passage) => ({
      a: [a.terms.starts[passage.aFrom] + aShift, a.terms.ends[passage.aTo - 1] + aShift],
      b: [b.terms.starts[passage.bFrom] + bShift, b.terms.ends[passage.bTo - 1] + bShift],
      words: passage.words,
      ...(passage.edits > 0 && { edits: passage.edits }),
    }));
    return {
      a: this.source.place(p),
      b: this.source.place(q),
      kind,
      jaccard: figures.jaccard,
      containment: figures.containment,
      similarity,
      spans,
    };
  }

  /**
   * The shared passages that make an overlap once repeated passages are known (docs/groups.md, "Every
   * shared run is reported"): when p and q are occurrences of one repeated passage, which reports them
   * together, those with minOverlapWords words in one stretch outside repeated text on each side; for any
   * other pair, all of them, whole.
   */
  private beyondRepeated(passages: Passage[], p: number, q: number): Passage[] {
    const aRanges = this.passageRanges(p);
    const bRanges = this.passageRanges(q);
    if (!shareRepeatedPassage(aRanges, bRanges)) return passages;
    const m = this.params.minOverlapWords;
    return passages.filter(
      (passage) =>
        longestOutside(passage.aFrom, passage.aTo, aRanges) >= m &&
        longestOutside(passage.bFrom, passage.bTo, bRanges) >= m,
    );
  }

  /**
   * Whether the term hashes of p and q hold a passage that makes an overlap (exact runs: a window of m).
   * The bridged passages of the hashes are looked for only while either text still has to be read: once
   * both are read (cached), finding the passages of the words costs the same and answers the same, since
   * hashes equal wherever words are (a second pass over two 1 MB paragraphs costs a quarter second).
   */
  private mayOverlap(p: number, q: number): boolean {
    const m = this.params.minOverlapWords;
    if (this.params.bridgeGap === 0) return this.sharesWindow(p, q, m);
    if (!this.sharesWindow(p, q, this.passages.seedWords)) return false;
    if (this.cache.has(p) && this.cache.has(q)) return true;
    const aHashes = this.termHashes(p);
    const bHashes = this.termHashes(q);
    // A long paragraph is read at once: it meets dozens of candidates, so reading it is paid once, while
    // the pass over the hashes would index it a second time (a suffix automaton of its own).
    if (Math.max(aHashes.length, bHashes.length) >= READ_AT_ONCE_TERMS) return true;
    return this.passages.mayShare(aHashes, bHashes, m);
  }

  /**
   * Whether p and q have a window of m consecutive terms with equal hashes (needed for a shared run of
   * m): a merge of the two paragraphs' sorted window hashes, each sorted once while it is cached, not
   * once per pair (a 1 MB paragraph meets every other one).
   */
  private sharesWindow(p: number, q: number, m: number): boolean {
    const x = this.sortedWindows(p, m);
    const y = this.sortedWindows(q, m);
    for (let i = 0, j = 0; i < x.length && j < y.length; ) {
      if (x[i] === y[j]) return true;
      if (x[i] < y[j]) i++;
      else j++;
    }
    return false;
  }

  private sortedWindows(p: number, m: number): Uint32Array {
    let cache = this.windowCaches.get(m);
    if (cache === undefined) {
      cache = new LruCache(CACHED_PARAGRAPHS);
      this.windowCaches.set(m, cache);
    }
    return cache.get(p, () => {
      const hashes = this.termHashes(p);
      if (hashes.length < m) return new Uint32Array(0);
      this.scratch = rollingWindows(hashes, hashes.length, m, this.scratch);
      return this.scratch.slice(0, hashes.length - m + 1).sort();
    });
  }

  /** The term hashes of global paragraph p (cached like the tokens, but far smaller). */
  private termHashes(p: number): Uint32Array {
    return this.hashCache.get(p, () => {
      const { text, start, end } = this.source.text(p);
      const terms = this.extractor.terms(text, start, end);
      return terms.hashes.slice(0, terms.terms);
    });
  }

  private shingles(paragraph: ParagraphText): ShingleSet {
    let set = this.shingleCache.get(paragraph);
    if (set === undefined) {
      set = this.exact.shingleSet({ words: paragraph.terms.words, hashes: paragraph.termHashes });
      this.shingleCache.set(paragraph, set);
    }
    return set;
  }

  /** The paragraph's words joined by spaces (its normalised text), and each word's start there: made once. */
  private normalised(paragraph: ParagraphText): { text: string; offsets: number[] } {
    let normal = this.normalCache.get(paragraph);
    if (normal === undefined) {
      normal = { text: paragraph.tokens.words.join(' '), offsets: wordOffsets(paragraph.tokens.words) };
      this.normalCache.set(paragraph, normal);
    }
    return normal;
  }

  /** Shared runs of the unfiltered words (when stemming or stopwords make the terms differ from them). */
  private wordRuns(a: ParagraphText, b: ParagraphText): SharedRun[] {
    const shortest = Math.min(a.tokens.words.length, b.tokens.words.length);
    if (shortest === 0) return [];
    const aHashes = this.extractor.hashAll(a.tokens.words);
    const bHashes = this.extractor.hashAll(b.tokens.words);
    return sharedRuns(
      a.tokens.words,
      aHashes,
      b.tokens.words,
      bHashes,
      Math.min(this.nearSpanWords(), shortest),
    );
  }

  /** Near duplicates report shared runs down to one shingle's worth of words. */
  private nearSpanWords(): number {
    return this.params.shingleUnit === 'word'
      ? Math.min(this.params.shingleSize, this.params.minOverlapWords)
      : this.params.minOverlapWords;
  }

  private text(p: number): ParagraphText {
    let paragraph = this.cache.get(p);
    if (paragraph !== undefined) {
      this.cache.delete(p); // re-inserted below: a Map iterates in insertion order, oldest first
    } else {
      const { text, start, end, shift } = this.source.text(p);
      paragraph = this.extractor.readOwned(text, start, end);
      if (shift !== 0) this.shifts.set(p, shift);
      if (this.cache.size >= CACHED_PARAGRAPHS) this.cache.delete(this.cache.keys().next().value as number);
    }
    this.cache.set(p, paragraph);
    return paragraph;
  }
}

/** Start offset of each word in words.join(' '). */
function wordOffsets(words: readonly string[]): number[] {
  const offsets = new Array<number>(words.length);
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    offsets[i] = at;
    at += words[i].length + 1;
  }
  return offsets;
}
