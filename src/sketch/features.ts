import { AsciiTermScanner } from '../text/ascii-terms.js';
import type { TokenFilter } from '../text/language.js';
import { emptyTokens, type Tokens, tokenize } from '../text/tokenize.js';
import { type Hasher, hashWords } from './hash.js';
import { signInto } from './minhash.js';
import { codePoints, shingleHashes, sortUnique } from './shingles.js';

/** What turning terms into shingles needs of the options. */
export interface ShingleParams {
  /** Words (or characters) per shingle. */
  shingleSize: number;
  shingleUnit: 'word' | 'char';
  /** Seed of the word and shingle hashes. */
  seed: number;
}

/** Everything the pipeline derives from one paragraph's text. */
export interface ParagraphText {
  /** Normalised tokens, as written (used for `exact` and edit similarity). */
  tokens: Tokens;
  /** Tokens after stopwords and stemming (the same object when no filter is set): shingled and matched. */
  terms: Tokens;
  /** XXH32 of each term, terms.words.length of them (the array may be longer). */
  termHashes: Uint32Array;
}

/** The hashed terms of one paragraph, in a reused buffer: valid until the next call. */
export interface TermHashes {
  /** XXH32 of each term, `terms` of them (the array may be longer). */
  hashes: Uint32Array;
  terms: number;
  /** Word tokens before stopwords were dropped. */
  words: number;
  /** The tokens, when the general path was taken (the fast path builds no strings). */
  paragraph?: ParagraphText;
}

/**
 * Turns paragraphs into their comparable forms. Holds scratch buffers so the per-paragraph work
 * allocates only the token arrays; not shared between threads.
 */
export class FeatureExtractor {
  private scratchHashes: Uint32Array = new Uint32Array(256);
  private scratchShingles: Uint32Array = new Uint32Array(256);
  private scratchCodePoints: Uint32Array = new Uint32Array(1024);
  private readonly ascii = new AsciiTermScanner();
  private readonly fastPath: boolean;

  constructor(
    private readonly params: ShingleParams,
    private readonly hasher: Hasher,
    private readonly keys: Uint32Array,
    private readonly filter: TokenFilter | undefined,
  ) {
    this.fastPath = filter === undefined && params.shingleUnit === 'word';
  }

  /** The term hashes of text[from, to): by the ASCII fast path when it applies, else through read(). */
  terms(text: string, from: number, to: number): TermHashes {
    if (this.fastPath) {
      const count = this.ascii.scan(text, from, to, this.params.seed);
      if (count >= 0) return { hashes: this.ascii.hashes, terms: count, words: count };
    }
    const paragraph = this.readGeneral(text, from, to);
    return {
      hashes: paragraph.termHashes,
      terms: paragraph.terms.words.length,
      words: paragraph.tokens.words.length,
      paragraph,
    };
  }

  /** Tokens, filtered terms and term hashes of text[from, to). Term hashes live in a reused buffer. */
  read(text: string, from: number, to: number): ParagraphText {
    if (this.fastPath) {
      // One pass gives the words, their offsets and their hashes (the same as below, far cheaper).
      const tokens = emptyTokens();
      const count = this.ascii.scan(text, from, to, this.params.seed, tokens);
      if (count >= 0) return { tokens, terms: tokens, termHashes: this.ascii.hashes };
    }
    return this.readGeneral(text, from, to);
  }

  /** read() by the general tokenizer (NFKC, Unicode classes, stopwords and stemming). */
  private readGeneral(text: string, from: number, to: number): ParagraphText {
    const tokens = tokenize(text, from, to);
    const terms = this.filter ? this.filter(tokens) : tokens;
    this.scratchHashes = hashWords(this.hasher, terms.words, this.params.seed, this.scratchHashes);
    return { tokens, terms, termHashes: this.scratchHashes };
  }

  /** Same as read(), with a term-hash array of its own that later calls do not overwrite. */
  readOwned(text: string, from: number, to: number): ParagraphText {
    const paragraph = this.read(text, from, to);
    return { ...paragraph, termHashes: paragraph.termHashes.slice(0, paragraph.terms.words.length) };
  }

  /** XXH32 of each word, in a new array. */
  hashAll(words: readonly string[]): Uint32Array {
    return hashWords(this.hasher, words, this.params.seed, new Uint32Array(words.length));
  }

  /** The sorted unique shingle hashes of a paragraph, in a reused buffer: valid until the next call. */
  shingleSet(terms: TermHashes): { hashes: Uint32Array; count: number } {
    const shingles = this.shingles(terms);
    return { hashes: shingles.hashes, count: sortUnique(shingles.hashes, shingles.count) };
  }

  /**
   * The shingle hashes in text order, repeats included, in a reused buffer: enough for a signature,
   * which does not depend on order or repeats.
   */
  shingles(terms: TermHashes): { hashes: Uint32Array; count: number } {
    const { shingleSize, shingleUnit, seed } = this.params;
    let values = terms.hashes;
    let length = terms.terms;
    if (shingleUnit === 'char') {
      const words = terms.paragraph?.terms.words ?? [];
      const cps = codePoints(words.join(' '), this.scratchCodePoints);
      this.scratchCodePoints = cps.values;
      values = cps.values;
      length = cps.length;
    }
    const shingles = shingleHashes(values, length, shingleSize, seed, this.scratchShingles);
    this.scratchShingles = shingles.hashes;
    return shingles;
  }

  /** Writes the MinHash signature of a sorted shingle set into out[offset, offset + numHashes). */
  sign(set: Uint32Array, count: number, out: Uint32Array, offset: number): void {
    signInto(set, 0, count, this.keys, out, offset);
  }
}
