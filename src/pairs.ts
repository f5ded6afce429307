import { type Corpus, shingleSetOf } from './corpus.js';
import type { FeatureExtractor, ParagraphText } from './features.js';
import type { ResolvedOptions } from './options.js';
import { type SharedRun, sharedRuns } from './runs.js';
import type { Pair, Span } from './types.js';
import { containment, editSimilarity, jaccard } from './verify.js';

/** Paragraphs whose tokens the verifier keeps at once (least recently used are dropped first). */
const CACHED_PARAGRAPHS = 4096;

/**
 * Exact verification of candidate pairs. Paragraph texts are re-tokenised on demand, with a bounded
 * least-recently-used cache, instead of keeping every paragraph's tokens for the whole corpus: candidates
 * come sorted by their first paragraph, so most lookups hit.
 */
export class PairVerifier {
  private readonly cache = new Map<number, ParagraphText>();

  constructor(
    private readonly corpus: Corpus,
    private readonly options: ResolvedOptions,
    private readonly extractor: FeatureExtractor,
  ) {}

  /** Exact Jaccard of the shingle sets of global paragraphs p and q. */
  jaccard(p: number, q: number): number {
    return jaccard(shingleSetOf(this.corpus, p), shingleSetOf(this.corpus, q));
  }

  /**
   * The verified Pair for p < q, or undefined when it is neither a near duplicate (Jaccard ≥ threshold)
   * nor shares a passage of minOverlapWords words.
   */
  verify(p: number, q: number, knownJaccard?: number): Pair | undefined {
    const j = knownJaccard ?? this.jaccard(p, q);
    const isNear = j >= this.options.threshold;
    if (!isNear && !this.options.overlaps) return undefined;
    const a = this.text(p);
    const b = this.text(q);
    const minSpan = isNear
      ? Math.max(1, Math.min(this.nearSpanWords(), a.terms.words.length, b.terms.words.length))
      : this.options.minOverlapWords;
    const runs = sharedRuns(a.terms.words, a.termHashes, b.terms.words, b.termHashes, minSpan);
    if (!isNear && runs.length === 0) return undefined;
    const aNormal = a.tokens.words.join(' ');
    const bNormal = b.tokens.words.join(' ');
    const kind = !isNear ? 'overlap' : aNormal === bNormal ? 'exact' : 'near';
    // The alignment is only built when the texts are too long for an exact Levenshtein distance.
    const similarity = editSimilarity(aNormal, bNormal, this.options.maxEditChars, () => ({
      runs: a.terms === a.tokens && b.terms === b.tokens ? runs : this.wordRuns(a, b),
      aOffsets: wordOffsets(a.tokens.words),
      bOffsets: wordOffsets(b.tokens.words),
    }));
    const spans: Span[] = runs.map((run) => ({
      a: [a.terms.starts[run.aFrom], a.terms.ends[run.aFrom + run.length - 1]],
      b: [b.terms.starts[run.bFrom], b.terms.ends[run.bFrom + run.length - 1]],
      words: run.length,
    }));
    const { docs, docOf, indexOf } = this.corpus;
    return {
      a: { doc: docs[docOf[p]].id, paragraph: indexOf[p] },
      b: { doc: docs[docOf[q]].id, paragraph: indexOf[q] },
      kind,
      jaccard: j,
      containment: containment(shingleSetOf(this.corpus, p), shingleSetOf(this.corpus, q)),
      similarity,
      spans,
    };
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
    return this.options.shingleUnit === 'word'
      ? Math.min(this.options.shingleSize, this.options.minOverlapWords)
      : this.options.minOverlapWords;
  }

  private text(p: number): ParagraphText {
    let paragraph = this.cache.get(p);
    if (paragraph !== undefined) {
      this.cache.delete(p); // re-inserted below: a Map iterates in insertion order, oldest first
    } else {
      const { docs, docOf, indexOf, paragraphsByDoc } = this.corpus;
      const info = paragraphsByDoc[docOf[p]][indexOf[p]];
      paragraph = this.extractor.readOwned(docs[docOf[p]].text, info.start, info.end);
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
