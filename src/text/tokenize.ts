/**
 * Normalisation and tokenising. A word is a run of Unicode letters, marks and digits (apostrophes inside
 * a word are kept and folded to '), normalised with NFKC and case folding. Invisible format characters
 * (Unicode Default_Ignorable_Code_Point: soft hyphen, zero-width space and (non-)joiners, word joiner,
 * bidi marks, variation selectors…) between word characters do not cut the word and are dropped from it,
 * so text pasted from a PDF or a CMS, or Persian typed with or without ZWNJ, gives the same words.
 * Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) give one token per
 * character (with its combining marks), so shingles over them are character n-grams. Every token keeps
 * [start, end) offsets into the original, from its first to its last visible character.
 */

/** Names the normalisation and tokenising rules; changes whenever the same text would give other words. */
export const TOKENIZER_VERSION = 'nfkc-casefold-unicode-words-v2';

/** Tokens of one text, as parallel arrays: words[i] spans original[starts[i], ends[i]). */
export interface Tokens {
  words: string[];
  starts: number[];
  ends: number[];
}

// Word characters, joined across invisible format characters and single apostrophes (with or without
// invisible characters around them).
const WORD_SOURCE = String.raw`[\p{L}\p{M}\p{N}]+(?:(?:\p{DI}+|\p{DI}*['\u2019\u02bc\u201b\uff07]\p{DI}*)[\p{L}\p{M}\p{N}]+)*`;
const WORD = new RegExp(WORD_SOURCE, 'gu');
// A second instance for re-cutting a normalised word, so the outer scan's lastIndex is not disturbed.
const WORD_INNER = new RegExp(WORD_SOURCE, 'gu');
const APOSTROPHES = /[\u2019\u02bc\u201b\uff07]/g;
// Default_Ignorable_Code_Point: invisible, and dropped from words. A few are letters or marks (Hangul
// fillers, variation selectors), so a run can also start or end with them: offsets skip those.
const IGNORABLE = /\p{DI}/u;
const IGNORABLES = /\p{DI}+/gu;
const LEADING_IGNORABLES = /^\p{DI}+/u;
const TRAILING_IGNORABLES = /\p{DI}+$/u;
// Anything that would make tokenize() cut a normalised word differently from one whole token.
const NOT_ONE_TOKEN = /[^\p{L}\p{M}\p{N}']|^'|'$|''/u;
const EDGE_APOSTROPHES = /^'+|'+$/g;
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
// Combining marks, and the half-width (semi-)voiced sound marks, which NFKC composes with the kana before.
const ATTACHED = /[\p{M}\uff9e\uff9f]/u;

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
    } else {
      forEachCluster(raw, (piece, offset) =>
        pushNormalised(piece, start + offset, start + offset + piece.length, out),
      );
    }
  }
  return out;
}

/** The normalised text: words joined by single spaces. Idempotent. */
export function normalizeText(text: string): string {
  return tokenize(text).words.join(' ');
}

/**
 * Drops invisible format characters (Default_Ignorable_Code_Point), then NFKC + case folding (lower
 * case, ß → ss, final ς → σ) + apostrophe folding, repeated to a fixed point so that the result is stable.
 */
export function normalizeWord(raw: string): string {
  if (isAscii(raw)) return raw.toLowerCase();
  let word = raw;
  for (let i = 0; i < 4; i++) {
    const next = word
      .replace(IGNORABLES, '')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/ς/g, 'σ')
      .replace(APOSTROPHES, "'");
    if (next === word) break;
    word = next;
  }
  return word;
}

/**
 * Calls back with the pieces of a word run: each unspaced-script character with the marks attached to
 * it, and each stretch of other characters, with its offset in the run.
 */
function forEachCluster(run: string, emit: (piece: string, offset: number) => void): void {
  if (!UNSPACED.test(run)) {
    emit(run, 0);
    return;
  }
  let pending = -1; // start of a pending stretch of ordinary word characters
  let i = 0;
  while (i < run.length) {
    const width = run.codePointAt(i)! > 0xffff ? 2 : 1;
    if (UNSPACED.test(run.slice(i, i + width))) {
      if (pending >= 0) emit(run.slice(pending, i), pending);
      pending = -1;
      let j = i + width;
      while (j < run.length && ATTACHED.test(run[j])) j++;
      emit(run.slice(i, j), i);
      i = j;
    } else {
      if (pending < 0) pending = i;
      i += width;
    }
  }
  if (pending >= 0) emit(run.slice(pending), pending);
}

function pushNormalised(raw: string, start: number, end: number, out: Tokens): void {
  if (IGNORABLE.test(raw)) {
    // Offsets from the first to the last visible character; nothing at all for a piece of only invisible ones.
    const lead = LEADING_IGNORABLES.exec(raw)?.[0].length ?? 0;
    if (lead === raw.length) return;
    const trail = TRAILING_IGNORABLES.exec(raw)?.[0].length ?? 0;
    start += lead;
    end -= trail;
    raw = raw.slice(lead, raw.length - trail);
  }
  const word = normalizeWord(raw);
  if (word === '') return;
  if (!NOT_ONE_TOKEN.test(word) && (word.length === 1 || !UNSPACED.test(word))) {
    out.words.push(word);
    out.starts.push(start);
    out.ends.push(end);
    return;
  }
  // Normalising changed how the word cuts ("½" → "1⁄2", "㊀" → "一", "ヿ" → "コト", "ʼ" → "'"): cut the
  // normalised form as tokenize() would, so normalisation stays idempotent; every piece keeps the
  // original word's offsets. The pieces are already normalised (normalizeWord is at a fixed point).
  WORD_INNER.lastIndex = 0;
  for (let m = WORD_INNER.exec(word); m !== null; m = WORD_INNER.exec(word)) {
    forEachCluster(m[0], (cluster) => {
      // Cut next to an unspaced character, a stretch can start or end with an apostrophe ("㊀ŉ" →
      // "一'n"), which tokenize() would not keep at a word's edge.
      const piece = cluster.replace(EDGE_APOSTROPHES, '');
      if (piece === '') return;
      out.words.push(piece);
      out.starts.push(start);
      out.ends.push(end);
    });
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
