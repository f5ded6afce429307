// Passages pasted with edits (PAN-style "obfuscated" text reuse), planted into a corpus of unrelated
// paragraphs, and how much of them a report finds: per passage length × edit count, the share of cases
// found, and character-level recall and precision of the reported spans against the planted ranges.
import type { Options, Report } from '../src/index.js';
import { findDuplicates } from '../src/index.js';
import { type GeneratedCorpus, generateCorpus } from './corpus.js';
import { globalIndex } from './measure.js';
import { pick, seededRandom, shuffle } from './random.js';

/** Passage lengths (words taken from the source paragraph) and edit counts planted. */
export const OBFUSCATED_LENGTHS = [12, 20, 40] as const;
export const EDIT_COUNTS = [0, 1, 2, 3, 4, 6, 8] as const;

export interface PlantedCase {
  /** Global paragraph numbers of the source and of the paragraph the edited passage was pasted into. */
  source: number;
  target: number;
  words: number;
  edits: number;
  /** Words of the source passage still matched in the pasted copy (substituted and deleted ones are not). */
  kept: number;
  /** [start, end) character offsets of the passage in the source paragraph and of its copy in the target. */
  sourceRange: [number, number];
  targetRange: [number, number];
}

export interface ObfuscatedCorpus {
  corpus: GeneratedCorpus;
  cases: PlantedCase[];
}

/**
 * `perCell` cases for each length × edit count. Sources and targets are distinct fresh paragraphs of a
 * corpus with nothing else planted; each edit (a substitution, an insertion or a deletion, drawn at
 * random) falls in its own equal stretch of the passage, away from its first and last word.
 */
export function obfuscatedCorpus(paragraphs: number, seed: number, perCell: number): ObfuscatedCorpus {
  const corpus = generateCorpus({ paragraphs, seed, nearRate: 0, overlapRate: 0 });
  const random = seededRandom(seed * 7919 + 1);
  const texts = corpus.paragraphs.map((p) => p.text);
  const vocabulary = [...new Set(texts.slice(0, 2000).flatMap((t) => t.split(' ')))].filter((w) =>
    /^[a-z]+$/.test(w),
  );
  const order = shuffle(
    random,
    texts.map((_, i) => i),
  );
  const used = new Set<number>();
  const next = (fits: (p: number) => boolean) => {
    const p = order.find((q) => !used.has(q) && fits(q));
    if (p === undefined) throw new Error('corpus too small for the cases asked for');
    used.add(p);
    return p;
  };
  const cases: PlantedCase[] = [];
  for (const words of OBFUSCATED_LENGTHS) {
    for (const edits of EDIT_COUNTS) {
      if (edits * 2 >= words) continue;
      for (let n = 0; n < perCell; n++) {
        const source = next((p) => texts[p].split(' ').length >= words + 2);
        const target = next(() => true);
        const sourceWords = texts[source].split(' ');
        const at = Math.floor(random() * (sourceWords.length - words + 1));
        const passage = sourceWords.slice(at, at + words);
        const { copy, kept } = edit(passage, edits, random, vocabulary);
        const start = sourceWords.slice(0, at).join(' ').length + (at > 0 ? 1 : 0);
        const sourceRange: [number, number] = [start, start + passage.join(' ').length];
        const sentences = texts[target].split(/(?<=[.!?])\s+/);
        const cut = 1 + Math.floor(random() * sentences.length);
        const before = sentences.slice(0, cut).join(' ');
        const pasted = copy.join(' ');
        texts[target] = [before, pasted, ...sentences.slice(cut)].join(' ');
        const targetRange: [number, number] = [before.length + 1, before.length + 1 + pasted.length];
        cases.push({ source, target, words, edits, kept, sourceRange, targetRange });
      }
    }
  }
  return { corpus: withTexts(corpus, texts), cases };
}

/** The passage with `count` edits, one in each equal stretch of it, none at either end. */
function edit(
  passage: string[],
  count: number,
  random: () => number,
  vocabulary: string[],
): { copy: string[]; kept: number } {
  const copy: string[] = [];
  let kept = passage.length;
  const inner = passage.length - 2;
  const places = new Map<number, number>(); // word position → edit kind (0 sub, 1 insert, 2 delete)
  for (let e = 0; e < count; e++) {
    const from = 1 + Math.floor((e * inner) / count);
    const to = 1 + Math.floor(((e + 1) * inner) / count);
    places.set(from + Math.floor(random() * (to - from)), Math.floor(random() * 3));
  }
  passage.forEach((word, i) => {
    const kind = places.get(i);
    if (kind === 0 || kind === 2) kept--;
    if (kind === 1) copy.push(other(word, random, vocabulary), word);
    else if (kind === 0) copy.push(other(word, random, vocabulary));
    else if (kind !== 2) copy.push(word);
  });
  return { copy, kept };
}

const other = (word: string, random: () => number, vocabulary: string[]) => {
  for (;;) {
    const w = pick(random, vocabulary);
    if (w !== word.toLowerCase()) return w;
  }
};

function withTexts(corpus: GeneratedCorpus, texts: string[]): GeneratedCorpus {
  const paragraphs = corpus.paragraphs.map((p, i) => ({ ...p, text: texts[i] }));
  const documents = corpus.documents.map((d, doc) => ({
    id: d.id,
    text: paragraphs
      .filter((p) => p.doc === doc)
      .map((p) => p.text)
      .join('\n\n'),
  }));
  return { ...corpus, documents, paragraphs };
}

export interface CellResult {
  words: number;
  edits: number;
  cases: number;
  /** Cases whose pair is flagged with a span meeting the planted range on both sides. */
  found: number;
  /** Mean over cases of the planted characters (both sides) covered by the pair's spans. */
  charRecall: number;
  /** Mean over the planted pairs' spans of their characters inside the planted ranges; undefined: none. */
  charPrecision: number | undefined;
}

/** Runs findDuplicates on the corpus and scores every planted case. */
export async function measureObfuscated(
  { corpus, cases }: ObfuscatedCorpus,
  options: Options,
): Promise<{ cells: CellResult[]; report: Report }> {
  const report = await findDuplicates(corpus.documents, options);
  const index = globalIndex(corpus);
  const n = corpus.paragraphs.length;
  const spansOf = new Map<number, Report['pairs'][number]>();
  for (const pair of report.pairs) {
    const p = index(pair.a.doc, pair.a.paragraph);
    const q = index(pair.b.doc, pair.b.paragraph);
    spansOf.set(p * n + q, pair);
  }
  const startOf = (p: number) => {
    const { doc, index: i } = corpus.paragraphs[p];
    return report.documents[doc].paragraphs[i].start;
  };
  const cells = new Map<string, CellResult & { precisionSum: number; spans: number }>();
  for (const c of cases) {
    const key = `${c.words}×${c.edits}`;
    const cell = cells.get(key) ?? {
      ...{ words: c.words, edits: c.edits, cases: 0, found: 0, charRecall: 0, charPrecision: undefined },
      ...{ precisionSum: 0, spans: 0 },
    };
    cells.set(key, cell);
    cell.cases++;
    const [a, b] = c.source < c.target ? [c.source, c.target] : [c.target, c.source];
    const pair = spansOf.get(a * n + b);
    if (pair === undefined) continue;
    const shift = (range: [number, number], p: number): [number, number] => [
      range[0] + startOf(p),
      range[1] + startOf(p),
    ];
    const planted = {
      [c.source]: shift(c.sourceRange, c.source),
      [c.target]: shift(c.targetRange, c.target),
    };
    const [onA, onB] = [planted[a], planted[b]];
    const spans = pair.spans.map((s) => [s.a, s.b] as const);
    if (spans.some(([sa, sb]) => meets(sa, onA) && meets(sb, onB))) cell.found++;
    cell.charRecall +=
      (covered(
        spans.map(([sa]) => sa),
        onA,
      ) +
        covered(
          spans.map(([, sb]) => sb),
          onB,
        )) /
      (onA[1] - onA[0] + onB[1] - onB[0]);
    for (const [sa, sb] of spans) {
      cell.precisionSum += (inside(sa, onA) + inside(sb, onB)) / (sa[1] - sa[0] + sb[1] - sb[0]);
      cell.spans++;
    }
  }
  const results = [...cells.values()].map(({ precisionSum, spans, ...cell }) => ({
    ...cell,
    charRecall: cell.charRecall / cell.cases,
    charPrecision: spans === 0 ? undefined : precisionSum / spans,
  }));
  return { cells: results, report };
}

type Range = readonly [number, number];
const meets = (x: Range, y: Range) => x[0] < y[1] && y[0] < x[1];
const inside = (x: Range, y: Range) => Math.max(0, Math.min(x[1], y[1]) - Math.max(x[0], y[0]));

/** Characters of `range` covered by the union of `spans`. */
function covered(spans: Range[], range: Range): number {
  const clipped = spans
    .map(([s, e]) => [Math.max(s, range[0]), Math.min(e, range[1])] as const)
    .filter(([s, e]) => s < e)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = range[0];
  for (const [s, e] of clipped) {
    if (e > reach) total += e - Math.max(s, reach);
    reach = Math.max(reach, e);
  }
  return total;
}

/** One row per length × edit count: cases, found and character-level scores, exact runs vs bridged. */
export function obfuscationTable(
  exact: CellResult[],
  bridged: CellResult[],
): Record<string, string | number>[] {
  const pct = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(0)} %`);
  return exact.map((off, i) => {
    const on = bridged[i];
    return {
      'passage words': off.words,
      edits: off.edits,
      cases: off.cases,
      'found (exact runs)': pct(off.found / off.cases),
      'found (bridged)': pct(on.found / on.cases),
      'char recall (exact)': pct(off.charRecall),
      'char recall (bridged)': pct(on.charRecall),
      'char precision (exact)': pct(off.charPrecision),
      'char precision (bridged)': pct(on.charPrecision),
    };
  });
}
