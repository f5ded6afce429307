import { type LshWeights, optimalParams } from '../candidates/lsh-params.js';
import { describeValue, NearDupError } from '../errors.js';
import type { ParagraphMode, ParagraphSplitter } from '../text/paragraphs.js';
import { bool, closestName, int, invalid, num, oneOf } from './option-values.js';

/** Languages with a stemmer and a stopword list in `natural`. */
export type Language =
  | 'english'
  | 'german'
  | 'spanish'
  | 'french'
  | 'italian'
  | 'dutch'
  | 'norwegian'
  | 'portuguese'
  | 'russian'
  | 'swedish';

export const LANGUAGES: readonly Language[] = [
  'english',
  'german',
  'spanish',
  'french',
  'italian',
  'dutch',
  'norwegian',
  'portuguese',
  'russian',
  'swedish',
];

/** Everything is optional; see DEFAULTS and the README's options table. */
export interface Options {
  /** Jaccard similarity (of shingle sets) at or above which two paragraphs are near duplicates. (0, 1]. */
  threshold?: number;
  /** MinHash signature length. Integer 16..1024. */
  numHashes?: number;
  /** Words (or characters, with shingleUnit 'char') per shingle. */
  shingleSize?: number;
  /** Shingle over words (default) or over characters of the normalised text. */
  shingleUnit?: 'word' | 'char';
  /** Shortest shared run of consecutive words reported as an overlap. Integer 2..1000. */
  minOverlapWords?: number;
  /** Look for overlaps (shared passages) between paragraphs that are not near duplicates. */
  overlaps?: boolean;
  /**
   * Most words (on either side) between two shared runs bridged into one passage, e.g. a changed word.
   * 0: exact runs only. Integer 0..20. See docs/passages.md.
   */
  bridgeGap?: number;
  /** Least share of a bridged passage's words, on each side, that are matched. (0, 1]. */
  bridgeDensity?: number;
  /** How documents are cut into paragraphs. */
  paragraphs?: ParagraphMode | ParagraphSplitter;
  /** Seed of the shingle hash and of the MinHash permutations. Integer 0..2^32-1. */
  seed?: number;
  /** LSH bands; derived from the threshold when omitted. */
  bands?: number;
  /** LSH rows per band; derived from the threshold when omitted. */
  rows?: number;
  /** Weight of the false-positive area when deriving bands and rows. */
  falsePositiveWeight?: number;
  /** Weight of the false-negative area when deriving bands and rows. */
  falseNegativeWeight?: number;
  /**
   * When deriving bands and rows, only choices that make a pair exactly at the threshold an LSH candidate
   * with at least this probability are considered. Verification is exact, so recall wins. [0, 1].
   */
  minCandidateProbability?: number;
  /** Longest normalised paragraph (in characters, per side) given to the exact Levenshtein distance. */
  maxEditChars?: number;
  /** Fewest consecutive flagged pairs that make a block. */
  minBlockPairs?: number;
  /**
   * Most flagged pairs one detection may report (candidate pairs: 20 times as many) before it stops with
   * a TOO_MANY_PAIRS error instead of exhausting memory, e.g. when thousands of paragraphs are one
   * boilerplate line.
   */
  maxPairs?: number;
  /** Stem words with natural's Porter/Snowball stemmers (true means 'english'). Needs `natural`. */
  stem?: boolean | Language;
  /** Drop stopwords before shingling: natural's list for a language (true means 'english'), or your own list. */
  stopwords?: boolean | Language | readonly string[];
}

export interface ResolvedOptions {
  threshold: number;
  numHashes: number;
  shingleSize: number;
  shingleUnit: 'word' | 'char';
  minOverlapWords: number;
  overlaps: boolean;
  bridgeGap: number;
  bridgeDensity: number;
  /** The mode used; 'custom' when a function was given. */
  paragraphs: ParagraphMode | 'custom';
  seed: number;
  bands: number;
  rows: number;
  falsePositiveWeight: number;
  falseNegativeWeight: number;
  minCandidateProbability: number;
  maxEditChars: number;
  minBlockPairs: number;
  maxPairs: number;
  stem: false | Language;
  stopwords: false | Language | string[];
}

export const DEFAULTS = {
  threshold: 0.7,
  numHashes: 128,
  wordShingleSize: 3,
  charShingleSize: 5,
  shingleUnit: 'word',
  minOverlapWords: 10,
  overlaps: true,
  bridgeGap: 3,
  bridgeDensity: 0.8,
  paragraphs: 'auto',
  seed: 0,
  falsePositiveWeight: 0.5,
  falseNegativeWeight: 0.5,
  minCandidateProbability: 0.97,
  maxEditChars: 10_000,
  minBlockPairs: 2,
  maxPairs: 1_000_000,
  stem: false,
  stopwords: false,
} as const;

const KNOWN = new Set<keyof Options>([
  'threshold',
  'numHashes',
  'shingleSize',
  'shingleUnit',
  'minOverlapWords',
  'overlaps',
  'bridgeGap',
  'bridgeDensity',
  'paragraphs',
  'seed',
  'bands',
  'rows',
  'falsePositiveWeight',
  'falseNegativeWeight',
  'minCandidateProbability',
  'maxEditChars',
  'minBlockPairs',
  'maxPairs',
  'stem',
  'stopwords',
]);

const PARAGRAPH_MODES = new Set(['auto', 'blank-line', 'line']);

/** Validates options and fills in defaults. Also returns the custom splitter, which is not JSON. */
export function resolveOptions(options: unknown = {}): {
  resolved: ResolvedOptions;
  splitter: ParagraphSplitter | undefined;
} {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: options must be an object, got ${describeValue(options)}`,
    );
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key as keyof Options)) {
      const hint = closestName(key, KNOWN);
      throw new NearDupError(
        'UNKNOWN_OPTION',
        `neardup: unknown option ${JSON.stringify(key)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`,
      );
    }
  }

  const threshold = num(o, 'threshold', DEFAULTS.threshold);
  if (!(threshold > 0 && threshold <= 1)) invalid('threshold', threshold, 'a number in (0, 1]');
  const numHashes = int(o, 'numHashes', DEFAULTS.numHashes, 16, 1024);
  const shingleUnit = oneOf(o, 'shingleUnit', DEFAULTS.shingleUnit, ['word', 'char']) as 'word' | 'char';
  const shingleSize = int(
    o,
    'shingleSize',
    shingleUnit === 'word' ? DEFAULTS.wordShingleSize : DEFAULTS.charShingleSize,
    1,
    64,
  );
  const minOverlapWords = int(o, 'minOverlapWords', DEFAULTS.minOverlapWords, 2, 1000);
  const overlaps = bool(o, 'overlaps', DEFAULTS.overlaps);
  const bridgeGap = int(o, 'bridgeGap', DEFAULTS.bridgeGap, 0, 20);
  const bridgeDensity = num(o, 'bridgeDensity', DEFAULTS.bridgeDensity);
  if (!(bridgeDensity > 0 && bridgeDensity <= 1))
    invalid('bridgeDensity', bridgeDensity, 'a number in (0, 1]');
  const seed = int(o, 'seed', DEFAULTS.seed, 0, 0xffffffff);
  const falsePositiveWeight = num(o, 'falsePositiveWeight', DEFAULTS.falsePositiveWeight);
  const falseNegativeWeight = num(o, 'falseNegativeWeight', DEFAULTS.falseNegativeWeight);
  for (const [name, w] of [
    ['falsePositiveWeight', falsePositiveWeight],
    ['falseNegativeWeight', falseNegativeWeight],
  ] as const) {
    if (!(w >= 0 && w <= 1)) invalid(name, w, 'a number in [0, 1]');
  }
  if (falsePositiveWeight + falseNegativeWeight <= 0) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: options falsePositiveWeight and falseNegativeWeight cannot both be 0, got ${falsePositiveWeight} and ${falseNegativeWeight}`,
    );
  }
  const minCandidateProbability = num(o, 'minCandidateProbability', DEFAULTS.minCandidateProbability);
  if (!(minCandidateProbability >= 0 && minCandidateProbability <= 1)) {
    invalid('minCandidateProbability', minCandidateProbability, 'a number in [0, 1]');
  }
  const maxEditChars = int(o, 'maxEditChars', DEFAULTS.maxEditChars, 0, 1_000_000);
  const minBlockPairs = int(o, 'minBlockPairs', DEFAULTS.minBlockPairs, 1, 1_000_000);
  const maxPairs = int(o, 'maxPairs', DEFAULTS.maxPairs, 1, 100_000_000);

  let paragraphs: ResolvedOptions['paragraphs'] = DEFAULTS.paragraphs;
  let splitter: ParagraphSplitter | undefined;
  if (o.paragraphs !== undefined) {
    if (typeof o.paragraphs === 'function') {
      paragraphs = 'custom';
      splitter = o.paragraphs as ParagraphSplitter;
    } else if (typeof o.paragraphs === 'string' && PARAGRAPH_MODES.has(o.paragraphs)) {
      paragraphs = o.paragraphs as ParagraphMode;
    } else {
      invalid(
        'paragraphs',
        o.paragraphs,
        "'auto', 'blank-line', 'line' or a function (text) => [start, end][]",
      );
    }
  }

  const stem = language(o, 'stem');
  let stopwords: ResolvedOptions['stopwords'] = false;
  if (Array.isArray(o.stopwords)) {
    const bad = o.stopwords.findIndex((w) => typeof w !== 'string');
    if (bad >= 0) {
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: option stopwords must be a list of strings, got a list whose item ${bad} is ${describeValue(o.stopwords[bad])}`,
      );
    }
    stopwords = [...(o.stopwords as string[])];
  } else {
    stopwords = language(o, 'stopwords');
  }

  const params = resolveBands(o, threshold, numHashes, {
    falsePositive: falsePositiveWeight,
    falseNegative: falseNegativeWeight,
    minCandidateProbability,
  });
  return {
    resolved: {
      threshold,
      numHashes,
      shingleSize,
      shingleUnit,
      minOverlapWords,
      overlaps,
      bridgeGap,
      bridgeDensity,
      paragraphs,
      seed,
      bands: params.bands,
      rows: params.rows,
      falsePositiveWeight,
      falseNegativeWeight,
      minCandidateProbability,
      maxEditChars,
      minBlockPairs,
      maxPairs,
      stem,
      stopwords,
    },
    splitter,
  };
}

function resolveBands(
  o: Record<string, unknown>,
  threshold: number,
  numHashes: number,
  weights: LshWeights,
): { bands: number; rows: number } {
  const givenBands = o.bands === undefined ? undefined : int(o, 'bands', 1, 1, numHashes);
  const givenRows = o.rows === undefined ? undefined : int(o, 'rows', 1, 1, numHashes);
  let bands: number;
  let rows: number;
  if (givenBands !== undefined && givenRows !== undefined) {
    bands = givenBands;
    rows = givenRows;
  } else if (givenBands !== undefined) {
    bands = givenBands;
    rows = Math.floor(numHashes / bands);
  } else if (givenRows !== undefined) {
    rows = givenRows;
    bands = Math.floor(numHashes / rows);
  } else {
    return optimalParams(threshold, numHashes, weights);
  }
  if (bands * rows > numHashes) {
    throw new NearDupError(
      'BANDS_EXCEED_HASHES',
      `neardup: bands × rows = ${bands} × ${rows} = ${bands * rows} needs more than numHashes = ${numHashes} hash values`,
    );
  }
  return { bands, rows };
}

function language(o: Record<string, unknown>, name: string): false | Language {
  const v = o[name];
  if (v === undefined || v === false) return false;
  if (v === true) return 'english';
  if (typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  return invalid(name, v, `true, false or one of ${LANGUAGES.join(', ')}`);
}
