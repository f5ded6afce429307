// A deterministic corpus of real prose with planted near duplicates and overlaps, and its ground truth.
//   npx tsx bench/corpus.ts --paragraphs 10000 --seed 1 [--out bench/.corpus/10k]
// --out writes doc-N.txt per document and truth.json: the settings (seed, docSize, rates), the global
// paragraph number → [document id, paragraph index] mapping, and the planted pairs (see truthJson).
// Paragraphs are State of the Union prose (bench/sotu.ts); past the 12,869 real ones, new paragraphs come
// from a bigram model of the same addresses, so 1 k to 1 M paragraphs read like English.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pick, type Random, seededRandom, shuffle } from './random.js';
import { sotuParagraphs, sotuSentences } from './sotu.js';

/** Changes whenever the same options would generate another corpus (cached corpora carry it in their name). */
export const CORPUS_VERSION = 2;

export type EditKind = 'case-punct' | 'substitute' | 'insert' | 'delete' | 'swap' | 'reorder';

/** Edit levels planted: kind and number of words touched (0 for case/punctuation and reordering). */
export const EDIT_LEVELS: ReadonlyArray<readonly [EditKind, number]> = [
  ['case-punct', 0],
  ...[1, 2, 3, 5, 10].map((n) => ['substitute', n] as const),
  ...[1, 2, 3, 5, 10].map((n) => ['insert', n] as const),
  ...[1, 2, 3, 5, 10].map((n) => ['delete', n] as const),
  ...[1, 2, 3, 5].map((n) => ['swap', n] as const),
  ['reorder', 0],
];

/** Passage lengths (words) planted as overlaps: below, at and above the default minOverlapWords. */
export const OVERLAP_LENGTHS = [6, 8, 10, 12, 20, 40] as const;

export interface PlantedNear {
  source: number;
  copy: number;
  edit: EditKind;
  amount: number;
  sameDoc: boolean;
}

export interface PlantedOverlap {
  source: number;
  target: number;
  /** Words pasted (space-separated, as in the source text): the planted length. */
  words: number;
  /** Words asked for (OVERLAP_LENGTHS); more than `words` only when no source paragraph was long enough. */
  requested: number;
  passage: string;
  sameDoc: boolean;
}

export interface GeneratedCorpus {
  documents: { id: string; text: string }[];
  /** Global paragraph number → its text, document index and index inside the document. */
  paragraphs: { text: string; doc: number; index: number }[];
  /** Planted pairs; `source`, `copy` and `target` are global paragraph numbers (see `paragraphs`). */
  truth: { near: PlantedNear[]; overlaps: PlantedOverlap[] };
  /** Every generation setting, defaults filled in: the same settings give the same corpus. */
  settings: Required<CorpusOptions>;
}

export interface CorpusOptions {
  paragraphs: number;
  seed?: number;
  /** Share of paragraphs that are planted near duplicates of an earlier one. */
  nearRate?: number;
  /** Share of paragraphs that carry a passage pasted from an earlier one. */
  overlapRate?: number;
  /** Paragraphs per document. */
  docSize?: number;
  /** Share of planted copies whose source is in the same document. */
  sameDocRate?: number;
}

export function generateCorpus(options: CorpusOptions): GeneratedCorpus {
  const {
    paragraphs: total,
    seed = 1,
    nearRate = 0.08,
    overlapRate = 0.05,
    docSize = 20,
    sameDocRate = 0.5,
  } = options;
  const settings = { paragraphs: total, seed, nearRate, overlapRate, docSize, sameDocRate };
  const random = seededRandom(seed);
  const fresh = freshParagraphs(random);
  const texts: string[] = [];
  const docOf: number[] = [];
  const original: number[] = []; // unplanted paragraphs, the only sources of planted copies
  const truth: GeneratedCorpus['truth'] = { near: [], overlaps: [] };
  let nearTurn = 0;
  let overlapTurn = 0;
  for (let p = 0; p < total; p++) {
    const doc = Math.floor(p / docSize);
    const roll = random();
    const source = original.length > 0 ? chooseSource(random, original, docOf, doc, sameDocRate) : -1;
    if (source >= 0 && roll < nearRate) {
      const [edit, amount] = EDIT_LEVELS[nearTurn++ % EDIT_LEVELS.length];
      texts.push(applyEdit(random, texts[source], edit, amount, fresh.vocabulary));
      truth.near.push({ source, copy: p, edit, amount, sameDoc: docOf[source] === doc });
    } else if (source >= 0 && roll < nearRate + overlapRate) {
      const requested = OVERLAP_LENGTHS[overlapTurn++ % OVERLAP_LENGTHS.length];
      // A source at least as long as the passage asked for (another pick when the first is too short).
      let from = source;
      for (let tries = 0; tries < 20 && wordCount(texts[from]) < requested; tries++) {
        from = chooseSource(random, original, docOf, doc, sameDocRate);
      }
      const sourceWords = texts[from].split(' ');
      const length = Math.min(requested, sourceWords.length);
      const at = Math.floor(random() * (sourceWords.length - length + 1));
      const passage = sourceWords.slice(at, at + length).join(' ');
      const host = fresh.next().split(/(?<=[.!?])\s+/);
      host.splice(1 + Math.floor(random() * host.length), 0, passage);
      texts.push(host.join(' '));
      truth.overlaps.push({
        source: from,
        target: p,
        words: length,
        requested,
        passage,
        sameDoc: docOf[from] === doc,
      });
    } else {
      texts.push(fresh.next());
      original.push(p);
    }
    docOf.push(doc);
  }
  const documents: GeneratedCorpus['documents'] = [];
  const paragraphs: GeneratedCorpus['paragraphs'] = [];
  for (let d = 0; d * docSize < total; d++) {
    const slice = texts.slice(d * docSize, (d + 1) * docSize);
    documents.push({ id: `doc-${d + 1}`, text: slice.join('\n\n') });
    for (const [index, text] of slice.entries()) paragraphs.push({ text, doc: d, index });
  }
  return { documents, paragraphs, truth, settings };
}

const wordCount = (text: string) => text.split(' ').length;

/**
 * The ground truth as written beside the corpus (truth.json): the settings that regenerate it, the
 * planted pairs, and where each global paragraph number (as used in `near` and `overlaps`) is:
 * `paragraphOf[p]` = [document id, paragraph index in that document].
 */
export function truthJson(corpus: GeneratedCorpus): string {
  const lines = (items: readonly unknown[]) => items.map((x) => `  ${JSON.stringify(x)}`).join(',\n');
  const { seed, docSize, paragraphs, nearRate, overlapRate, sameDocRate } = corpus.settings;
  const head = { seed, paragraphs, docSize, nearRate, overlapRate, sameDocRate };
  const mapping = corpus.paragraphs.map((p) => [corpus.documents[p.doc].id, p.index]);
  return [
    `${JSON.stringify(head).slice(0, -1)},`,
    ` "paragraphOf": [\n${lines(mapping)}\n ],`,
    ` "near": [\n${lines(corpus.truth.near)}\n ],`,
    ` "overlaps": [\n${lines(corpus.truth.overlaps)}\n ]`,
    '}\n',
  ].join('\n');
}

function chooseSource(
  random: Random,
  original: number[],
  docOf: number[],
  doc: number,
  sameDocRate: number,
): number {
  if (random() < sameDocRate) {
    const sameDoc: number[] = [];
    for (let i = original.length - 1; i >= 0 && docOf[original[i]] === doc; i--) sameDoc.push(original[i]);
    if (sameDoc.length > 0) return pick(random, sameDoc);
  }
  // An earlier paragraph, preferably from another document.
  for (let tries = 0; tries < 5; tries++) {
    const candidate = pick(random, original);
    if (docOf[candidate] !== doc) return candidate;
  }
  return pick(random, original);
}

/** Real paragraphs in a seeded order, then bigram-model paragraphs once those run out. */
function freshParagraphs(random: Random): { next: () => string; vocabulary: string[] } {
  const real = shuffle(random, sotuParagraphs(random));
  let used = 0;
  let model: BigramModel | undefined;
  const vocabulary = [...new Set(real.slice(0, 2000).flatMap((p) => p.split(' ')))].filter((w) =>
    /^[a-z]+$/.test(w),
  );
  return {
    vocabulary,
    next() {
      if (used < real.length) return real[used++];
      model ??= new BigramModel(sotuSentences());
      return model.paragraph(random);
    },
  };
}

/** Words followed by the words seen after them in the addresses; sentences end at . ! or ?. */
class BigramModel {
  private readonly next = new Map<string, string[]>();
  private readonly starts: string[] = [];

  constructor(sentences: string[]) {
    for (const sentence of sentences) {
      const words = sentence.split(' ');
      this.starts.push(words[0]);
      for (let i = 0; i + 1 < words.length; i++) {
        const list = this.next.get(words[i]);
        if (list) list.push(words[i + 1]);
        else this.next.set(words[i], [words[i + 1]]);
      }
    }
  }

  paragraph(random: Random): string {
    const sentences: string[] = [];
    const count = 2 + Math.floor(random() * 4);
    for (let s = 0; s < count; s++) {
      const words = [pick(random, this.starts)];
      while (words.length < 40 && !/[.!?]$/.test(words[words.length - 1])) {
        const options = this.next.get(words[words.length - 1]);
        if (!options) break;
        words.push(pick(random, options));
      }
      if (!/[.!?]$/.test(words[words.length - 1])) words[words.length - 1] += '.';
      sentences.push(words.join(' '));
    }
    return sentences.join(' ');
  }
}

export function applyEdit(
  random: Random,
  text: string,
  edit: EditKind,
  amount: number,
  vocabulary: string[],
): string {
  const words = text.split(' ');
  const at = () => Math.floor(random() * words.length);
  switch (edit) {
    case 'case-punct':
      // Same words after normalisation: case, curly quotes, dashes and punctuation only.
      return words
        .map((w, i) => (i % 3 === 0 ? w.toUpperCase() : w))
        .join(' ')
        .replace(/,/g, ' ,')
        .replace(/'/g, '’')
        .replace(/ - /g, ' — ');
    case 'substitute':
      for (let n = 0; n < amount; n++) words[at()] = pick(random, vocabulary);
      return words.join(' ');
    case 'insert':
      for (let n = 0; n < amount; n++) words.splice(at(), 0, pick(random, vocabulary));
      return words.join(' ');
    case 'delete':
      for (let n = 0; n < amount && words.length > 1; n++) words.splice(at(), 1);
      return words.join(' ');
    case 'swap':
      for (let n = 0; n < amount && words.length > 1; n++) {
        const i = Math.min(at(), words.length - 2);
        [words[i], words[i + 1]] = [words[i + 1], words[i]];
      }
      return words.join(' ');
    case 'reorder':
      return shuffle(random, text.split(/(?<=[.!?])\s+/)).join(' ');
  }
}

// CLI: write the corpus and its ground truth to a folder (gitignored under bench/.corpus/).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      paragraphs: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const started = performance.now();
  const corpus = generateCorpus({ paragraphs: Number(values.paragraphs), seed: Number(values.seed) });
  const bytes = corpus.documents.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
  console.log(
    `${corpus.paragraphs.length} paragraphs in ${corpus.documents.length} documents, ${(bytes / 1e6).toFixed(1)} MB; planted ${corpus.truth.near.length} near duplicates and ${corpus.truth.overlaps.length} overlaps (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (values.out) {
    mkdirSync(values.out, { recursive: true });
    for (const doc of corpus.documents) writeFileSync(join(values.out, `${doc.id}.txt`), doc.text);
    writeFileSync(join(values.out, 'truth.json'), truthJson(corpus));
    console.log(`written to ${values.out}`);
  }
}
