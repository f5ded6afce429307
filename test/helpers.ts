import { readFileSync } from 'node:fs';
import { EMPTY_SLOT, fmix32, type Pair, type PairSide, type Report, tokenize } from '../src/index.js';

/** The seed articles bundled with the examples. */
export function seedArticles(): { id: string; text: string }[] {
  return ['article-1', 'article-2'].map((id) => ({
    id,
    text: readFileSync(new URL(`../examples/articles/${id}.txt`, import.meta.url), 'utf8'),
  }));
}

/**
 * `count` different paragraphs that each quote one 11-word sentence among 28 words of their own: every
 * two share a passage (an overlap pair) without being near duplicates (Jaccard about 0.14). Numbered from
 * `from`, so two calls can give paragraphs that differ. With options.passageParagraphs above `count`,
 * the sentence stays overlap pairs instead of one repeated passage.
 */
export function quotingParagraphs(count: number, from = 0): string[] {
  const quote = 'Advertisement: subscribe to our newsletter today, and read every story first.';
  const own = (i: number, part: string) =>
    Array.from({ length: 14 }, (_, j) => `w${i.toString(36)}${part}${j.toString(36)}`).join(' ');
  return Array.from({ length: count }, (_, i) => `${own(from + i, 'a')} ${quote} ${own(from + i, 'b')}`);
}

/** The normalised words of a slice of text. */
export function wordsOf(text: string, [start, end]: readonly [number, number]): string {
  return tokenize(text.slice(start, end)).words.join(' ');
}

/**
 * Fast Similarity Sketching as the paper states it, every round run: in round r < k shingle x goes to
 * slot ⌊h·k/2³²⌋ with h = fmix32(x ⊕ keys[r]); in round k + r to slot (s(x) + r) mod k with
 * h = fmix32(x ⊕ keys[r] ⊕ c), s(x) = ⌊fmix32(x ⊕ keys[0] ⊕ c)·k/2³²⌋, c = 0x5bd1e995. A slot keeps
 * the smallest (round, h).
 */
export function referenceSketch(set: Iterable<number>, keys: Uint32Array): number[] {
  const k = keys.length;
  const values = [...set];
  if (values.length === 0) return new Array(k).fill(EMPTY_SLOT);
  const best: [number, number][] = Array.from({ length: k }, () => [Infinity, 0]);
  for (let round = 0; round < 2 * k; round++) {
    for (const x of values) {
      const second = round >= k;
      const h = fmix32((x ^ (second ? keys[round - k] ^ 0x5bd1e995 : keys[round])) >>> 0);
      const slot = second
        ? (Math.floor((fmix32((x ^ keys[0] ^ 0x5bd1e995) >>> 0) * k) / 2 ** 32) + round - k) % k
        : Math.floor((h * k) / 2 ** 32);
      if (round < best[slot][0] || (round === best[slot][0] && h < best[slot][1])) best[slot] = [round, h];
    }
  }
  return best.map(([, h]) => h);
}

/** Longest common subsequence of two word lists (quadratic: a reference for tests). */
export function wordLcs(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = [0];
    for (let j = 1; j <= b.length; j++)
      row.push(a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]));
    previous = row;
  }
  return previous[b.length];
}

/** Word-level Levenshtein distance (substitution, insertion, deletion of one word each cost 1). */
export function wordLevenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), previous[j] + 1, row[j - 1] + 1));
    previous = row;
  }
  return previous[b.length];
}

/**
 * What a reported span claims, checked on the words it covers: an exact run has the same `words` words
 * on both sides; a bridged passage (with `edits`) starts and ends with a shared word, matches `words`
 * words in order (at most the longest common subsequence), needs at least the word edit distance, and
 * is dense on both sides.
 */
export function checkSpan(
  a: readonly string[],
  b: readonly string[],
  span: { words: number; edits?: number },
  bridgeDensity: number,
): string | undefined {
  if (span.edits === undefined) {
    if (a.join(' ') !== b.join(' ')) return `exact span differs: "${a.join(' ')}" / "${b.join(' ')}"`;
    return a.length === span.words ? undefined : `exact span of ${a.length} words says ${span.words}`;
  }
  if (a[0] !== b[0] || a.at(-1) !== b.at(-1)) return 'bridged span does not start and end with a shared word';
  if (span.words > wordLcs(a, b)) return `${span.words} matched words, more than the LCS ${wordLcs(a, b)}`;
  if (span.edits < wordLevenshtein(a, b)) return `${span.edits} edits, fewer than ${wordLevenshtein(a, b)}`;
  if (span.words + span.edits < Math.max(a.length, b.length))
    return 'matched words and edits do not cover it';
  if (span.words < bridgeDensity * a.length || span.words < bridgeDensity * b.length) return 'not dense';
  return undefined;
}

/** The control characters a terminal acts on in `text` (C0 but tab and newline, DEL, C1), as code points. */
export function terminalControls(text: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0x9f)) found.push(c);
  }
  return found;
}

/** The text without the colour codes the text report adds itself. */
export function withoutOwnColours(text: string): string {
  let plain = text;
  for (const code of [0, 1, 2, 31, 33, 36]) plain = plain.replaceAll(`\x1b[${code}m`, '');
  return plain;
}

/**
 * The pairs of a Report that involve the documents `ids`, as a lasting index's check() and query() keep
 * them: a side in one of them, or the one pair listed between two groups (two clusters, or a paragraph
 * in none) either of which holds one (docs/groups.md).
 */
export function pairsInvolving(report: Report, ids: ReadonlySet<string>): Pair[] {
  const clusterOf = new Map<string, number>();
  const holds = new Set<number>();
  for (const c of report.clusters) {
    for (const m of c.members) {
      clusterOf.set(`${m.doc}#${m.paragraph}`, c.id);
      if (ids.has(m.doc)) holds.add(c.id);
    }
  }
  const group = (side: PairSide) => clusterOf.get(`${side.doc}#${side.paragraph}`);
  return report.pairs.filter((p) => {
    if (ids.has(p.a.doc) || ids.has(p.b.doc)) return true;
    const [x, y] = [group(p.a), group(p.b)];
    if (x !== undefined && x === y) return false;
    return (x !== undefined && holds.has(x)) || (y !== undefined && holds.has(y));
  });
}
