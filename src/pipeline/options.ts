import { type LshWeights, optimalParams } from '../candidates/lsh-params.js';
import { describeValue, NearDupError } from '../errors.js';
import { LANGUAGES } from '../text/language.js';
import type { ParagraphSplitter } from '../text/paragraphs.js';
import type { Language, ParagraphMode, ResolvedOptions } from '../types.js';
import { bool, closestName, int, invalid, num, oneOf } from './option-values.js';

/**
 * Everything is optional; each option's default is stated at it (the values live in DEFAULTS). Unknown
 * names are rejected with UNKNOWN_OPTION.
 */
export interface Options {
  /**
   * Jaccard similarity (of shingle sets) at or above which two paragraphs are near duplicates. (0, 1].
   * Default 0.7.
   */
  threshold?: number;
  /** MinHash signature length. Integer 16..1024. Default 128. */
  numHashes?: number;
  /** Words (or characters, with shingleUnit 'char') per shingle. Default 3 for words, 5 for characters. */
  shingleSize?: number;
  /** Shingle over words or over characters of the normalised text. Default 'word'. */
  shingleUnit?: 'word' | 'char';
  /** Shortest shared run of consecutive words reported as an overlap. Integer 2..1000. Default 10. */
  minOverlapWords?: number;
  /** Look for overlaps (shared passages) between paragraphs that are not near duplicates. Default true. */
  overlaps?: boolean;
  /**
   * Most words (on either side) between two shared runs bridged into one passage, e.g. a changed word.
   * 0: exact runs only. Integer 0..20. Default 3. See docs/passages.md.
   */
  bridgeGap?: number;
  /** Least share of a bridged passage's words, on each side, that are matched. (0, 1]. Default 0.8. */
  bridgeDensity?: number;
  /**
   * How documents are cut into paragraphs: 'auto', 'blank-line', 'line', 'document' (each whole document
   * is one unit), or a function returning [start, end) ranges. Default 'auto': one paragraph per line when
   * the text has no blank line, else blank-line blocks (a block of lines that all end a sentence is one
   * paragraph per line).
   */
  paragraphs?: ParagraphMode | ParagraphSplitter;
  /** Seed of the shingle hash and of the MinHash permutations. Integer 0..2^32-1. Default 0. */
  seed?: number;
  /**
   * LSH bands. Default: derived with rows from the threshold (20 bands × 5 rows at the default threshold
   * and numHashes); given alone, rows is floor(numHashes / bands).
   */
  bands?: number;
  /** LSH rows per band. Default: derived with bands from the threshold (5 at the defaults). */
  rows?: number;
  /** Weight of the false-positive area when deriving bands and rows. Default 0.5 (datasketch's). */
  falsePositiveWeight?: number;
  /** Weight of the false-negative area when deriving bands and rows. Default 0.5 (datasketch's). */
  falseNegativeWeight?: number;
  /**
   * When deriving bands and rows, only choices that make a pair exactly at the threshold an LSH candidate
   * with at least this probability are considered. Verification is exact, so recall wins. [0, 1].
   * Default 0.97 (0 is datasketch's choice).
   */
  minCandidateProbability?: number;
  /**
   * Longest normalised paragraph (in characters, per side) given to the exact Levenshtein distance;
   * longer pairs get a linear-time lower bound. Default 10,000.
   */
  maxEditChars?: number;
  /** Fewest consecutive flagged pairs that make a block. Default 2. */
  minBlockPairs?: number;
  /**
   * Most overlap pairs one detection may report (candidate pairs: 20 times as many) before it stops with
   * a TOO_MANY_PAIRS error instead of exhausting memory. Exact copies never count (they are grouped in
   * clusters before candidate search, in time linear in the copies); near pairs count only as candidates
   * (docs/groups.md). Default 1,000,000.
   */
  maxPairs?: number;
  /**
   * A passage shared by at least this many paragraphs (distinct texts) is reported once, as a repeated
   * passage with its occurrences, instead of as overlap pairs between every two of them. Integer
   * 2..1,000,000. Default 10.
   */
  passageParagraphs?: number;
  /**
   * Two documents are copies of one another (a document group) when at least this share of each one's
   * paragraphs are in clusters with paragraphs of the other. (0, 1]. Default 0.8.
   */
  documentShare?: number;
  /**
   * Stem words with natural's Porter/Snowball stemmers (true means 'english'). Needs `natural`.
   * Default false.
   */
  stem?: boolean | Language;
  /**
   * Drop stopwords before shingling: natural's list for a language (true means 'english'; needs
   * `natural`), or your own list. Default false.
   */
  stopwords?: boolean | Language | readonly string[];
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
  passageParagraphs: 10,
  documentShare: 0.8,
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
  'passageParagraphs',
  'documentShare',
  'stem',
  'stopwords',
]);

const PARAGRAPH_MODES = new Set(['auto', 'blank-line', 'line', 'document']);

/**
 * Validates options and fills in defaults. Also returns the custom splitter, which is not JSON. Each
 * group of options is read by a function of its own below, in this order (the first bad one throws).
 */
export function resolveOptions(options: unknown = {}): {
  resolved: ResolvedOptions;
  splitter: ParagraphSplitter | undefined;
} {
  const o = knownOptions(options);
  const { threshold, numHashes } = similarityOptions(o);
  const shingles = shingleOptions(o);
  const bridging = bridgeOptions(o);
  const weights = weightOptions(o);
  const limits = limitOptions(o);
  const { paragraphs, splitter } = paragraphOptions(o);
  const { stem, stopwords } = languageOptions(o);
  const { bands, rows } = resolveBands(o, threshold, numHashes, {
    falsePositive: weights.falsePositiveWeight,
    falseNegative: weights.falseNegativeWeight,
    minCandidateProbability: weights.minCandidateProbability,
  });
  // In this key order: it is the order of report.options in JSON.
  const resolved: ResolvedOptions = {
    threshold,
    numHashes,
    shingleSize: shingles.shingleSize,
    shingleUnit: shingles.shingleUnit,
    minOverlapWords: shingles.minOverlapWords,
    overlaps: shingles.overlaps,
    ...bridging,
    paragraphs,
    seed: shingles.seed,
    bands,
    rows,
    ...weights,
    ...limits,
    stem,
    stopwords,
  };
  return { resolved, splitter };
}

/** The options as a record of known names: not an object, or a name neardup does not know, throws. */
function knownOptions(options: unknown): Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: options must be an object, got ${describeValue(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key as keyof Options)) {
      const hint = closestName(key, KNOWN);
      throw new NearDupError(
        'UNKNOWN_OPTION',
        `neardup: unknown option ${JSON.stringify(key)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`,
      );
    }
  }
  return options as Record<string, unknown>;
}

function similarityOptions(o: Record<string, unknown>): Pick<ResolvedOptions, 'threshold' | 'numHashes'> {
  const threshold = num(o, 'threshold', DEFAULTS.threshold);
  if (!(threshold > 0 && threshold <= 1)) invalid('threshold', threshold, 'a number in (0, 1]');
  return { threshold, numHashes: int(o, 'numHashes', DEFAULTS.numHashes, 16, 1024) };
}

function shingleOptions(
  o: Record<string, unknown>,
): Pick<ResolvedOptions, 'shingleUnit' | 'shingleSize' | 'minOverlapWords' | 'overlaps' | 'seed'> {
  const shingleUnit = oneOf(o, 'shingleUnit', DEFAULTS.shingleUnit, ['word', 'char']) as 'word' | 'char';
  const defaultSize = shingleUnit === 'word' ? DEFAULTS.wordShingleSize : DEFAULTS.charShingleSize;
  return {
    shingleUnit,
    shingleSize: int(o, 'shingleSize', defaultSize, 1, 64),
    minOverlapWords: int(o, 'minOverlapWords', DEFAULTS.minOverlapWords, 2, 1000),
    overlaps: bool(o, 'overlaps', DEFAULTS.overlaps),
    seed: int(o, 'seed', DEFAULTS.seed, 0, 0xffffffff),
  };
}

/** How shared runs are bridged into passages (docs/passages.md). */
function bridgeOptions(o: Record<string, unknown>): Pick<ResolvedOptions, 'bridgeGap' | 'bridgeDensity'> {
  const bridgeGap = int(o, 'bridgeGap', DEFAULTS.bridgeGap, 0, 20);
  const bridgeDensity = num(o, 'bridgeDensity', DEFAULTS.bridgeDensity);
  if (!(bridgeDensity > 0 && bridgeDensity <= 1))
    invalid('bridgeDensity', bridgeDensity, 'a number in (0, 1]');
  return { bridgeGap, bridgeDensity };
}

/** The weights that choose bands and rows when they are not given. */
function weightOptions(
  o: Record<string, unknown>,
): Pick<ResolvedOptions, 'falsePositiveWeight' | 'falseNegativeWeight' | 'minCandidateProbability'> {
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
  return { falsePositiveWeight, falseNegativeWeight, minCandidateProbability };
}

function limitOptions(
  o: Record<string, unknown>,
): Pick<
  ResolvedOptions,
  'maxEditChars' | 'minBlockPairs' | 'maxPairs' | 'passageParagraphs' | 'documentShare'
> {
  const documentShare = num(o, 'documentShare', DEFAULTS.documentShare);
  if (!(documentShare > 0 && documentShare <= 1))
    invalid('documentShare', documentShare, 'a number in (0, 1]');
  return {
    maxEditChars: int(o, 'maxEditChars', DEFAULTS.maxEditChars, 0, 1_000_000),
    minBlockPairs: int(o, 'minBlockPairs', DEFAULTS.minBlockPairs, 1, 1_000_000),
    maxPairs: int(o, 'maxPairs', DEFAULTS.maxPairs, 1, 100_000_000),
    passageParagraphs: int(o, 'passageParagraphs', DEFAULTS.passageParagraphs, 2, 1_000_000),
    documentShare,
  };
}

/** The paragraph mode, or 'custom' with the splitter function given. */
function paragraphOptions(o: Record<string, unknown>): {
  paragraphs: ResolvedOptions['paragraphs'];
  splitter: ParagraphSplitter | undefined;
} {
  const value = o.paragraphs;
  if (value === undefined) return { paragraphs: DEFAULTS.paragraphs, splitter: undefined };
  if (typeof value === 'function') return { paragraphs: 'custom', splitter: value as ParagraphSplitter };
  if (typeof value === 'string' && PARAGRAPH_MODES.has(value))
    return { paragraphs: value as ParagraphMode, splitter: undefined };
  return invalid(
    'paragraphs',
    value,
    "'auto', 'blank-line', 'line', 'document' or a function (text) => [start, end][]",
  );
}

function languageOptions(o: Record<string, unknown>): Pick<ResolvedOptions, 'stem' | 'stopwords'> {
  const stem = language(o, 'stem');
  if (!Array.isArray(o.stopwords)) return { stem, stopwords: language(o, 'stopwords') };
  const bad = o.stopwords.findIndex((w) => typeof w !== 'string');
  if (bad >= 0) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: option stopwords must be a list of strings, got a list whose item ${bad} is ${describeValue(o.stopwords[bad])}`,
    );
  }
  return { stem, stopwords: [...(o.stopwords as string[])] };
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
