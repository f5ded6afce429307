import { withRoom } from '../util/grow.js';
import { xxh32 } from '../util/xxh32.js';
import type { Tokens } from './tokenize.js';

/**
 * The fast path of tokenising + hashing for the commonest text, ASCII prose with typographic
 * punctuation: one pass over the character codes that lower-cases each word into a reused byte buffer
 * and hashes it there (XXH32), building no strings. It gives exactly the words of tokenize() (a test
 * compares them on random text); on any other character it returns -1 and the caller takes the general
 * path (NFKC, Unicode classes, unspaced scripts).
 */

// Characters that only ever separate words (none is a letter, mark or digit, nor folds to one under
// NFKC): no-break and typographic spaces, dashes, quotes, bullets, ellipsis, primes.
export const SEPARATORS: ReadonlySet<number> = new Set([
  0xa0, 0xab, 0xbb, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2010, 0x2011,
  0x2012, 0x2013, 0x2014, 0x2015, 0x2018, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026,
  0x202f, 0x2032, 0x2033,
]);
// Invisible format characters (Default_Ignorable_Code_Point, none a letter, mark or digit) that
// tokenize() drops from inside a word: soft hyphen, zero-width space, (non-)joiners, bidi marks and
// embeddings, word joiner and invisible operators, BOM. Between words they separate nothing.
export const IGNORABLES: ReadonlySet<number> = new Set([
  0xad,
  ...range(0x200b, 0x200f),
  ...range(0x202a, 0x202e),
  ...range(0x2060, 0x206f),
  0xfeff,
]);
const IGNORABLES_IN_WORD = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;
// Apostrophes that tokenize() keeps inside a word, folded to "'".
export const APOSTROPHES: ReadonlySet<number> = new Set([0x27, 0x2019, 0x2bc, 0x201b, 0xff07]);

// U+02BC is a letter to tokenize(): beside a word it joins the word's run, whose offsets the pieces
// keep, so the fast path gives the same words and hashes but not the same offsets. Refused with tokens.
const MODIFIER_APOSTROPHE = 0x2bc;

// The apostrophes other than ' that this path keeps inside a word (U+02BC is refused when recording).
const TYPOGRAPHIC_APOSTROPHES = /[\u2019\u201b\uff07]/g;

// 0 other, 1 letter or digit, 2 upper-case letter
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_CLASS[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ASCII_CLASS[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ASCII_CLASS[c] = 2;

const isWordChar = (c: number) => c < 128 && ASCII_CLASS[c] !== 0;
const isApostrophe = (c: number) => c === 0x27 || (c >= 128 && APOSTROPHES.has(c));

/** The first offset at or after i (below `to`) that is not an invisible character. */
function skipIgnorables(text: string, i: number, to: number): number {
  while (i < to && IGNORABLES.has(text.charCodeAt(i))) i++;
  return i;
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Reused buffers of one scanner; not shared between threads. */
export class AsciiTermScanner {
  private bytes = new Uint8Array(64);
  hashes = new Uint32Array(256);

  /**
   * Writes the XXH32 (with `seed`) of each word of text[from, to) into this.hashes and returns how many
   * words there are, or -1 when the text holds a character this path does not handle. With `tokens`,
   * also appends each word (normalised) and its offsets, exactly as tokenize() would; after a -1 they
   * hold a partial list and must be dropped.
   */
  scan(text: string, from: number, to: number, seed: number, tokens?: Tokens): number {
    let count = 0;
    let length = 0; // bytes of the word being read; 0 between words
    let start = 0; // offset of the word being read
    let folded = false; // whether the word holds a typographic apostrophe (its text differs from the slice)
    let hidden = false; // whether the word holds invisible characters (dropped from its text)
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const cls = ASCII_CLASS[c];
        if (cls !== 0) {
          if (length === 0) {
            start = i;
            folded = false;
            hidden = false;
          }
          if (length === this.bytes.length) this.grow();
          this.bytes[length++] = cls === 2 ? c | 0x20 : c;
          continue;
        }
      } else if (
        (!SEPARATORS.has(c) && !APOSTROPHES.has(c) && !IGNORABLES.has(c)) ||
        (c === MODIFIER_APOSTROPHE && tokens)
      ) {
        return -1;
      }
      if (length > 0) {
        // Invisible characters, and one apostrophe among them, between two word characters keep the word
        // (any other ASCII character ends it).
        if (c >= 128 || c === 0x27) {
          let j = skipIgnorables(text, i, to);
          const quote = j < to && isApostrophe(text.charCodeAt(j)) ? j : -1;
          if (quote >= 0) j = skipIgnorables(text, quote + 1, to);
          if (j < to && isWordChar(text.charCodeAt(j))) {
            if (quote >= 0) {
              const q = text.charCodeAt(quote);
              if (q === MODIFIER_APOSTROPHE && tokens) return -1;
              if (length === this.bytes.length) this.grow();
              this.bytes[length++] = 0x27;
              if (q !== 0x27) folded = true;
            }
            if (j - i > (quote >= 0 ? 1 : 0)) hidden = true;
            i = j - 1;
            continue;
          }
        }
        if (tokens) this.record(tokens, text, folded, hidden, start, i);
        count = this.emit(count, length, seed);
        length = 0;
      }
    }
    if (length > 0) {
      if (tokens) this.record(tokens, text, folded, hidden, start, to);
      count = this.emit(count, length, seed);
    }
    return count;
  }

  /**
   * The word, text[start, end) lower-cased with its apostrophes folded and invisible characters dropped
   * (as the hashed bytes hold it), and its offsets.
   */
  private record(
    tokens: Tokens,
    text: string,
    folded: boolean,
    hidden: boolean,
    start: number,
    end: number,
  ): void {
    let word = text.slice(start, end).toLowerCase();
    if (folded) word = word.replace(TYPOGRAPHIC_APOSTROPHES, "'");
    if (hidden) word = word.replace(IGNORABLES_IN_WORD, '');
    tokens.words.push(word);
    tokens.starts.push(start);
    tokens.ends.push(end);
  }

  private emit(count: number, length: number, seed: number): number {
    if (count === this.hashes.length) this.hashes = withRoom(this.hashes, count + 1, count);
    this.hashes[count] = xxh32(this.bytes, length, seed);
    return count + 1;
  }

  private grow(): void {
    this.bytes = withRoom(this.bytes, this.bytes.length + 1, this.bytes.length);
  }
}
