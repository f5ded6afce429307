/**
 * Normalisation and tokenising. A word is a run of Unicode letters, marks and digits (apostrophes inside
 * a word are kept and folded to '), normalised with NFKC and case folding. Scripts written without spaces
 * (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) give one token per character (with its combining marks),
 * so shingles over them are character n-grams. Every token keeps [start, end) offsets into the original.
 */

/** Tokens of one text, as parallel arrays: words[i] spans original[starts[i], ends[i]). */
export interface Tokens {
  words: string[];
  starts: number[];
  ends: number[];
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019\u02bc\u201b\uff07][\p{L}\p{M}\p{N}]+)*/gu;
const APOSTROPHES = /[\u2019\u02bc\u201b\uff07]/g;
const NOT_WORD_CHAR = /[^\p{L}\p{M}\p{N}']+/u;
const NOT_WORD_CHARS = /[^\p{L}\p{M}\p{N}']+/gu;
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const MARK = /\p{M}/u;

export function emptyTokens(): Tokens {
  return { words: [], starts: [], ends: [] };
}

/**
 * Tokenises text[from, to) and appends to `out` (a fresh Tokens by default).
 * Offsets are absolute positions in `text`.
 */
export function tokenize(text: string, from = 0, to = text.length, out: Tokens = emptyTokens()): Tokens {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m !== null; m = WORD.exec(slice)) {
    const raw = m[0];
    const start = from + m.index;
    if (isAscii(raw)) {
      out.words.push(raw.toLowerCase());
      out.starts.push(start);
      out.ends.push(start + raw.length);
    } else if (UNSPACED.test(raw)) {
      pushUnspaced(raw, start, out);
    } else {
      pushNormalised(raw, start, start + raw.length, out);
    }
  }
  return out;
}

/** The normalised text: words joined by single spaces. Idempotent. */
export function normalizeText(text: string): string {
  return tokenize(text).words.join(' ');
}

/** NFKC + case folding + apostrophe folding, repeated to a fixed point (so the result is stable). */
export function normalizeWord(raw: string): string {
  if (isAscii(raw)) return raw.toLowerCase();
  let word = raw;
  for (let i = 0; i < 4; i++) {
    const next = word.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'");
    if (next === word) break;
    word = next;
  }
  return word;
}

function pushNormalised(raw: string, start: number, end: number, out: Tokens): void {
  const word = normalizeWord(raw);
  if (!NOT_WORD_CHAR.test(word)) {
    out.words.push(word);
    out.starts.push(start);
    out.ends.push(end);
    return;
  }
  // NFKC turned one original word into several (e.g. "½" → "1⁄2"): each piece keeps the word's offsets.
  for (const piece of word.split(NOT_WORD_CHARS)) {
    const clean = piece.replace(/^'+|'+$/g, '');
    if (clean.length === 0) continue;
    out.words.push(clean);
    out.starts.push(start);
    out.ends.push(end);
  }
}

/** Splits a run that contains unspaced-script characters: each such character (+ marks) is a token. */
function pushUnspaced(raw: string, start: number, out: Tokens): void {
  let runStart = -1; // start (in raw) of a pending run of ordinary word characters
  let i = 0;
  while (i < raw.length) {
    const cp = raw.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = raw.slice(i, i + width);
    if (UNSPACED.test(ch)) {
      if (runStart >= 0) {
        pushNormalised(raw.slice(runStart, i), start + runStart, start + i, out);
        runStart = -1;
      }
      let j = i + width;
      while (j < raw.length && MARK.test(raw[j])) j++;
      pushNormalised(raw.slice(i, j), start + i, start + j, out);
      i = j;
    } else {
      if (runStart < 0) runStart = i;
      i += width;
    }
  }
  if (runStart >= 0) pushNormalised(raw.slice(runStart), start + runStart, start + raw.length, out);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
